// ChoiceGroup alone: radios for one answer, checkboxes for several with "Select all that apply"
// tied to the group — said once, so not when the question already says it.
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ChoiceGroup, saysSelectAll } from '../../../renderer/components/ChoiceGroup';
import '../../../renderer/i18n';

const options = [
  { id: 'a', text: 'Encryption' },
  { id: 'b', text: 'Pseudonymisation' },
];

function renderGroup(type: 'single' | 'multiple', legend: string) {
  render(
    <ChoiceGroup name="q" legend={legend} type={type} options={options} selected={[]} onChange={() => {}} />,
  );
  return screen.getByRole('group');
}

describe('ChoiceGroup', () => {
  it('offers checkboxes for several answers and says to select all that apply', () => {
    const group = renderGroup('multiple', 'Which safeguards apply?');
    expect(group.tagName).toBe('FIELDSET');
    expect(within(group).getAllByRole('checkbox')).toHaveLength(2);
    const hint = within(group).getByText('Select all that apply.');
    expect(group.getAttribute('aria-describedby')).toBe(hint.id);
  });

  it('does not repeat it when the question says it already', () => {
    const group = renderGroup('multiple', 'Which safeguards apply? Select all that apply.');
    expect(group.textContent?.match(/Select all that apply/g)).toHaveLength(1);
    expect(group.hasAttribute('aria-describedby')).toBe(false);
    expect(saysSelectAll('Which apply? Select all that apply.')).toBe(true);
    expect(saysSelectAll('Which one applies?')).toBe(false);
  });

  it('offers radios for one answer, without the hint', () => {
    const group = renderGroup('single', 'Which one applies?');
    expect(within(group).getAllByRole('radio')).toHaveLength(2);
    expect(within(group).queryByText('Select all that apply.')).toBeNull();
  });
});
