const STEPS = ['Upload', 'Map columns', 'Import', 'Result'] as const;

/** Where the user is in the four-step import. */
export function WizardSteps({ current }: { current: 0 | 1 | 2 | 3 }) {
  return (
    <ol className="wizard-steps" aria-label="Import steps">
      {STEPS.map((step, i) => (
        <li
          key={step}
          aria-current={i === current ? 'step' : undefined}
          className={i < current ? 'done' : undefined}
        >
          {step}
        </li>
      ))}
    </ol>
  );
}
