// Whom "Create PKP" mints for: the built-in account, or another wallet's address. The PKP list
// reloads after each create and on every change to the settings, PKPs or account: the user's
// choice must survive that, or a second "Create PKP" mints for another controller than the one
// on screen a moment before. So the choice is kept as the user made it, and what is on screen
// is derived from it and the account.

export type ControllerChoice = 'builtin' | 'address';

/**
 * The controller on screen: the one the user chose (null: none yet), else the built-in account
 * when there is one; never the built-in account when there is none.
 */
export function controllerFor(
  chosen: ControllerChoice | null,
  hasAccount: boolean,
): ControllerChoice {
  if (chosen === 'address') return 'address';
  return hasAccount ? 'builtin' : 'address';
}
