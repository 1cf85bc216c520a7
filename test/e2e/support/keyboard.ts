// Keyboard-only driving for the specs that use no mouse: Tab/Shift+Tab to a control, the arrow keys
// in a radio group or a tab list, typing into dates in the en-US order. Each helper fails with
// where focus actually is, so a broken tab order reads as such.
import { expect, type Locator, type Page } from '@playwright/test';

/** Presses Tab (or Shift+Tab) until `target` has focus; fails if it never gets there. */
export async function tabTo(page: Page, target: Locator, options: { back?: boolean; max?: number } = {}) {
  const max = options.max ?? 120;
  await expect(target).toBeVisible();
  for (let i = 0; i <= max; i += 1) {
    if (await target.evaluate((el) => el === el.ownerDocument.activeElement)) return;
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
  }
  const focused = await target.evaluate((el) => el.ownerDocument.activeElement?.outerHTML.slice(0, 200));
  throw new Error(`Could not reach ${target} with the keyboard; focus is on ${focused}`);
}

/** Tabs to a control and presses a key on it (Enter by default). */
export async function activate(page: Page, target: Locator, key = 'Enter') {
  await tabTo(page, target);
  await page.keyboard.press(key);
}

/**
 * Chooses one radio of a group: Tab enters the group on its checked radio (or the first), the
 * arrow keys move and select, Space selects the focused one.
 */
export async function chooseRadio(page: Page, group: Locator, value: string) {
  const radios = group.locator('input[type="radio"]');
  type Radio = { value: string; checked: boolean; disabled: boolean };
  const state = await radios.evaluateAll((inputs) =>
    inputs.map((input) => {
      const radio = input as unknown as Radio;
      return { value: radio.value, checked: radio.checked, disabled: radio.disabled };
    }),
  );
  const enabled = state.filter((radio) => !radio.disabled);
  const target = enabled.findIndex((radio) => radio.value === value);
  expect(target, `option ${value} is offered`).toBeGreaterThanOrEqual(0);
  const start = Math.max(
    enabled.findIndex((radio) => radio.checked),
    0,
  );
  await tabTo(page, group.locator(`input[value="${enabled[start]!.value}"]`));
  if (target === start) await page.keyboard.press('Space');
  for (let i = start; i < target; i += 1) await page.keyboard.press('ArrowDown');
  for (let i = start; i > target; i -= 1) await page.keyboard.press('ArrowUp');
  await expect(group.locator(`input[value="${value}"]`)).toBeChecked();
}

/** A native date input takes its digits in the locale's order (en-US: month, day, year). */
export async function typeDate(page: Page, input: Locator, iso: string) {
  await tabTo(page, input);
  const [year, month, day] = iso.split('-');
  await page.keyboard.type(`${month}${day}${year}`);
  await expect(input).toHaveValue(iso);
}

/** Types into a text control reached with Tab, after clearing what it held (Ctrl+A, Backspace). */
export async function typeInto(page: Page, input: Locator, text: string) {
  await tabTo(page, input);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  if (text !== '') await page.keyboard.type(text);
  await expect(input).toHaveValue(text);
}

/** Moves through a WAI-ARIA tab list with the arrow keys until the tab `name` is selected. */
export async function selectTab(page: Page, tabList: Locator, name: string) {
  const selected = tabList.locator('[role="tab"][aria-selected="true"]');
  await tabTo(page, selected);
  const count = await tabList.getByRole('tab').count();
  for (let i = 0; i < count; i += 1) {
    if (((await selected.textContent()) ?? '').trim().startsWith(name)) break;
    await page.keyboard.press('ArrowRight');
  }
  await expect(selected).toHaveText(new RegExp(`^${name}`));
  await expect(selected).toBeFocused();
}

/** Opens the switcher with the keyboard and chooses the profile whose button starts with `name`. */
export async function switchProfileWithKeyboard(page: Page, name: string) {
  const toggle = page.getByRole('button', { name: /switch profile/i });
  await activate(page, toggle);
  await activate(page, page.getByRole('button', { name: new RegExp(`^${name}`) }));
  await expect(toggle).toContainText(name);
}

/** Follows a link of the side navigation ("Training", "Reviews", "Records", "Settings"). */
export async function goWithKeyboard(page: Page, item: string) {
  await activate(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: item }));
  await expect(page.getByRole('heading', { level: 1, name: item })).toBeVisible();
}
