// A list of the steps of a long form ("1 The proposal ✓ · 2 DPIA screening ! · …") to move
// between them. Each step says its state in words (visually hidden where an icon shows it), and
// the current one carries aria-current="step". Plain buttons in a list: Tab reaches each one.
import { Icon } from './Icon';

export type StepState = 'todo' | 'done' | 'attention';

export interface Step {
  id: string;
  label: string;
  state: StepState;
  /** Words for the state, e.g. "complete" or "2 answers need attention". */
  stateText?: string;
}

export function Stepper({
  className,
  label,
  steps,
  current,
  onSelect,
}: {
  /** Extra classes for the navigation landmark, e.g. where it sits in a layout. */
  className?: string;
  /** Names the navigation landmark, e.g. "Questionnaire sections". */
  label: string;
  steps: Step[];
  current: number;
  onSelect: (index: number) => void;
}) {
  return (
    <nav className={className ? `stepper ${className}` : 'stepper'} aria-label={label}>
      <ol className="stepper__items">
        {steps.map((step, index) => (
          <li key={step.id}>
            <button
              type="button"
              className={`stepper__item stepper__item--${step.state}`}
              aria-current={index === current ? 'step' : undefined}
              onClick={() => onSelect(index)}
            >
              <span className="stepper__number" aria-hidden="true">
                {step.state === 'done' ? (
                  <Icon name="check" />
                ) : step.state === 'attention' ? (
                  <Icon name="warning" />
                ) : (
                  index + 1
                )}
              </span>
              <span className="stepper__label">{step.label}</span>
              {step.stateText ? <span className="visually-hidden">, {step.stateText}</span> : null}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
