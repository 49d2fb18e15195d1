/**
 * The questions of "Liftoff: Define Business Goal", one step at a time with Back (scaffold-inputs.ts):
 * KPI, owner, how errors are priced (classification: a false positive and a false negative; regression:
 * per unit of error), currency, the costs, predictions per day and the latency budget. Every step starts
 * from the current value in liftoff.yaml; the answers are checked as they are typed.
 */
import {
  checkNumber,
  checkText,
  numberAnswer,
  type BusinessChanges,
  type ErrorPricing,
  type NumberRule,
} from '../core/project/business-edit';
import { BACK, inputText, pickItems } from './scaffold-inputs';

/** The answers as typed (numbers stay text until the end, so a half-typed value survives Back). */
export interface BusinessAnswers {
  kpi: string;
  owner: string;
  pricing: ErrorPricing;
  currency: string;
  costFalsePositive: string;
  costFalseNegative: string;
  unitErrorCost: string;
  predictionsPerDay: string;
  latencyBudgetMs: string;
}

type StepId = keyof BusinessAnswers;

const TITLE = 'Liftoff: Define Business Goal';

/** The steps for these answers: the cost steps depend on the pricing chosen at step 3. */
function stepsFor(answers: BusinessAnswers): StepId[] {
  const costs: StepId[] =
    answers.pricing === 'classification' ? ['costFalsePositive', 'costFalseNegative'] : ['unitErrorCost'];
  return ['kpi', 'owner', 'pricing', 'currency', ...costs, 'predictionsPerDay', 'latencyBudgetMs'];
}

/** Runs the wizard; resolves to the answers, or undefined when the user dismissed a step. */
export async function askBusinessGoal(initial: BusinessAnswers): Promise<BusinessAnswers | undefined> {
  const answers = { ...initial };
  for (let index = 0; ;) {
    const steps = stepsFor(answers);
    const id = steps[index];
    if (id === undefined) return answers;
    const shape = { title: TITLE, step: index + 1, totalSteps: steps.length };
    const moved = id === 'pricing' ? await askPricing(answers, shape) : await askText(answers, id, shape);
    if (moved === undefined) return undefined;
    index = Math.max(0, index + moved);
  }
}

/** What the answers write into liftoff.yaml's business section (empty optional answers remove their key). */
export function changesOf(answers: BusinessAnswers): BusinessChanges {
  const changes: BusinessChanges = {
    kpi: answers.kpi.trim(),
    owner: answers.owner.trim(),
    currency: answers.currency.trim() === '' ? null : answers.currency.trim(),
    predictionsPerDay: numberAnswer(answers.predictionsPerDay),
    latencyBudgetMs: numberAnswer(answers.latencyBudgetMs),
  };
  if (answers.pricing === 'classification') {
    changes.costFalsePositive = numberAnswer(answers.costFalsePositive);
    changes.costFalseNegative = numberAnswer(answers.costFalseNegative);
  } else {
    changes.unitErrorCost = numberAnswer(answers.unitErrorCost);
  }
  return changes;
}

interface Shape {
  title: string;
  step: number;
  totalSteps: number;
}

async function askPricing(answers: BusinessAnswers, shape: Shape): Promise<1 | -1 | undefined> {
  const items = [
    {
      label: 'Classification',
      description: 'a false positive and a false negative each have a cost',
      pricing: 'classification' as const,
    },
    {
      label: 'Regression',
      description: 'each unit of absolute error has a cost (priced with the MAE)',
      pricing: 'regression' as const,
    },
  ];
  const chosen = await pickItems({
    ...shape,
    placeholder: 'How are the model’s errors priced?',
    items,
    canPickMany: false,
    active: items.find((item) => item.pricing === answers.pricing),
  });
  if (chosen === BACK || chosen === undefined) return chosen === BACK ? -1 : undefined;
  answers.pricing = chosen[0]?.pricing ?? answers.pricing;
  return 1;
}

interface TextQuestion {
  prompt: (answers: BusinessAnswers) => string;
  placeholder?: string;
  validate: (value: string) => string | undefined;
}

const money = (answers: BusinessAnswers): string => (answers.currency.trim() ? ` in ${answers.currency.trim()}` : '');
const number = (rule?: NumberRule) => (value: string) => checkNumber(value, rule);

const QUESTIONS: Record<Exclude<StepId, 'pricing'>, TextQuestion> = {
  kpi: {
    prompt: () => 'The business KPI the model moves',
    placeholder: 'e.g. monthly churn rate',
    validate: (v) => checkText(v, 'the KPI the model moves'),
  },
  owner: {
    prompt: () => 'Who owns that KPI and the decision to ship the model?',
    placeholder: 'e.g. Head of Customer Success',
    validate: (v) => checkText(v, 'an owner'),
  },
  currency: {
    prompt: () => 'Currency of the costs (optional; empty leaves it out)',
    placeholder: 'e.g. EUR',
    validate: (v) => (v.trim().length > 12 ? 'A currency code or short name, e.g. EUR' : undefined),
  },
  costFalsePositive: {
    prompt: (a) => `Cost of one false positive${money(a)} (e.g. a voucher sent to a customer who would have stayed)`,
    validate: number(),
  },
  costFalseNegative: {
    prompt: (a) => `Cost of one false negative${money(a)} (e.g. the margin of a customer lost unnoticed)`,
    validate: number(),
  },
  unitErrorCost: {
    prompt: (a) => `Cost of one unit of absolute error${money(a)}`,
    validate: number(),
  },
  predictionsPerDay: {
    prompt: () => 'Expected predictions per day',
    placeholder: 'e.g. 20000',
    validate: number(),
  },
  latencyBudgetMs: {
    prompt: () => 'Latency budget per prediction in milliseconds, p95 (optional; empty leaves it out)',
    placeholder: 'e.g. 100',
    validate: number({ optional: true, positive: true }),
  },
};

async function askText(
  answers: BusinessAnswers,
  id: Exclude<StepId, 'pricing'>,
  shape: Shape,
): Promise<1 | -1 | undefined> {
  const question = QUESTIONS[id];
  const value = await inputText({
    ...shape,
    value: answers[id],
    prompt: question.prompt(answers),
    placeholder: question.placeholder,
    validate: question.validate,
  });
  if (value === BACK || value === undefined) return value === BACK ? -1 : undefined;
  answers[id] = value;
  return 1;
}
