// A step's button while its step runs. A second click would queue a second approval or
// confirmation (easily approved by mistake), and the two runs would overwrite each other's
// results and counts: so the button waits until its step has ended.

/** Runs `work` with the step's `button` disabled; it comes back when the step ends, however. */
export async function holdingButton(button, work) {
  button.disabled = true;
  try {
    return await work();
  } finally {
    button.disabled = false;
  }
}

/** Enables a step's button (its prerequisite is ready), unless its step is running right now. */
export function enableStep(button) {
  button.disabled = button.closest('.step')?.dataset.state === 'working';
}
