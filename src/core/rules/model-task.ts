/**
 * Which task a fitted model solves, read from its class name (or, for a Pipeline or a search, from
 * the estimators its constructor names). Shared by the rules that only make sense for classifiers
 * (LO104, LO304) or regressors (LO306), and by LO305 to pick a matching baseline.
 */
import type { DataflowQueries, FitEvent } from '../analysis/dataflow';
import { lastSegment } from './helpers';

export type Task = 'classification' | 'regression';

export const CLASSIFIER =
  /(Classifier(CV)?|^LogisticRegression(CV)?|^(Linear|Nu)?SVC|NB|^(Linear|Quadratic)DiscriminantAnalysis|^Perceptron|^NearestCentroid)$/;
export const REGRESSOR =
  /(Regressor|(?<!Logistic)Regression(CV)?|^(Linear|Nu)?SVR|^Ridge(CV)?|^Lasso(CV)?|^ElasticNet(CV)?|^(Kernel|Bayesian)Ridge|^(Lasso)?Lars(CV|IC)?)$/;
const WRAPPER = /^(Pipeline|make_pipeline|GridSearchCV|RandomizedSearchCV|HalvingGridSearchCV|HalvingRandomSearchCV)$/;

/** The task of a supervised fit of a model or search; undefined when the class does not say. */
export function taskOfFit(q: DataflowQueries, fit: FitEvent): Task | undefined {
  if (fit.target === undefined || (fit.kind !== 'model' && fit.kind !== 'search')) return undefined;
  const cls = fit.className === undefined ? '' : lastSegment(fit.className);
  if (CLASSIFIER.test(cls)) return 'classification';
  if (REGRESSOR.test(cls)) return 'regression';
  if (!WRAPPER.test(cls)) return undefined;
  // A pipeline or search has the task of the estimators its constructor names, when they agree.
  const text = fit.objectNode === undefined ? fit.text : (q.node(fit.objectNode)?.text ?? fit.text);
  const names = text.match(/[A-Z]\w+(?=\s*\()/g) ?? [];
  const classifies = names.some((n) => CLASSIFIER.test(n));
  const regresses = names.some((n) => REGRESSOR.test(n));
  if (classifies === regresses) return undefined;
  return classifies ? 'classification' : 'regression';
}

/** A supervised fit of a classifier, or of a pipeline/search built from classifiers only. */
export function isClassifierFit(q: DataflowQueries, fit: FitEvent): boolean {
  return taskOfFit(q, fit) === 'classification';
}
