/**
 * One wizard step at a time: a quick pick or an input box showing "n/total", with a Back button from
 * step 2 on. Each resolves to the answer, BACK, or undefined when the user dismissed it.
 */
import * as vscode from 'vscode';

export const BACK = Symbol('back');
export type StepAnswer<T> = T | typeof BACK | undefined;

interface StepShape {
  title: string;
  step: number;
  totalSteps: number;
  placeholder?: string;
}

function configure(input: vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox, shape: StepShape): void {
  input.title = shape.title;
  input.step = shape.step;
  input.totalSteps = shape.totalSteps;
  input.placeholder = shape.placeholder;
  input.ignoreFocusOut = true;
  input.buttons = shape.step > 1 ? [vscode.QuickInputButtons.Back] : [];
}

/** Resolves once: accepted value, BACK, or undefined on hide. Disposes the input. */
function settle<T>(
  input: vscode.QuickInput & { onDidTriggerButton: vscode.Event<vscode.QuickInputButton> },
  register: (done: (answer: StepAnswer<T>) => void) => void,
): Promise<StepAnswer<T>> {
  return new Promise((resolve) => {
    let answer: StepAnswer<T>;
    const done = (value: StepAnswer<T>): void => {
      answer = value;
      input.hide();
    };
    input.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && done(BACK));
    input.onDidHide(() => {
      input.dispose();
      resolve(answer);
    });
    register(done);
    input.show();
  });
}

export function pickItems<T extends vscode.QuickPickItem>(
  shape: StepShape & { items: readonly T[]; canPickMany: boolean; selected?: readonly T[]; active?: T },
): Promise<StepAnswer<T[]>> {
  const pick = vscode.window.createQuickPick<T>();
  configure(pick as unknown as vscode.QuickPick<vscode.QuickPickItem>, shape);
  pick.canSelectMany = shape.canPickMany;
  pick.items = shape.items;
  if (shape.selected) pick.selectedItems = shape.selected;
  if (shape.active) pick.activeItems = [shape.active];
  return settle<T[]>(pick, (done) =>
    pick.onDidAccept(() => {
      const chosen = shape.canPickMany ? [...pick.selectedItems] : [...pick.activeItems];
      if (chosen.length > 0) done(chosen);
    }),
  );
}

export function inputText(
  shape: StepShape & { value: string; prompt: string; validate: (value: string) => string | undefined },
): Promise<StepAnswer<string>> {
  const box = vscode.window.createInputBox();
  configure(box, shape);
  box.value = shape.value;
  box.prompt = shape.prompt;
  box.onDidChangeValue((value) => (box.validationMessage = shape.validate(value)));
  return settle<string>(box, (done) =>
    box.onDidAccept(() => {
      const message = shape.validate(box.value);
      box.validationMessage = message;
      if (message === undefined) done(box.value.trim());
    }),
  );
}
