import { Link } from '@tanstack/react-router';

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

/** The heading every step of the import shares, with the way back to earlier imports. */
export function ImportTitle() {
  return (
    <div className="page-title">
      <h1>Import contacts</h1>
      <Link to="/imports" activeOptions={{ exact: true }}>
        Recent imports
      </Link>
    </div>
  );
}
