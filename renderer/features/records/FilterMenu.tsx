// A multi-select as a disclosure: a button that says what is chosen ("Team: 2 of 6") and opens a
// list of checkboxes. Escape or a click elsewhere closes it and focus goes back to the button.
// Native checkboxes in a fieldset, so every screen reader knows them. Generic: it belongs in
// renderer/components.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';

export interface FilterOption {
  value: string;
  label: string;
}

export function FilterMenu({
  label,
  options,
  selected,
  onChange,
}: {
  label: string;
  options: readonly FilterOption[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
}) {
  const { t } = useTranslation('records');
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const popoverId = `filter-${useId()}`;

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: MouseEvent) => {
      if (rootRef.current && !rootRef.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
  }, [open]);

  const summary =
    selected.length === 0
      ? t('filterMenu.all')
      : selected.length === 1
        ? (options.find((o) => o.value === selected[0])?.label ?? selected[0])
        : t('filterMenu.some', { selected: selected.length, total: options.length });

  const toggle = (value: string, checked: boolean) =>
    onChange(checked ? [...selected, value] : selected.filter((v) => v !== value));

  return (
    <div
      ref={rootRef}
      className="filter-menu"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className={['filter-menu__button', selected.length > 0 ? 'filter-menu__button--active' : '']
          .filter(Boolean)
          .join(' ')}
        aria-expanded={open}
        aria-controls={open ? popoverId : undefined}
        onClick={() => setOpen((was) => !was)}
      >
        <span className="filter-menu__label">{t('filterMenu.label', { label })}</span>{' '}
        <span className="filter-menu__summary">{summary}</span>
        <Icon name="chevronUpDown" className="filter-menu__icon" />
      </button>
      {open ? (
        <div className="filter-menu__popover" id={popoverId}>
          <fieldset className="filter-menu__fieldset">
            <legend className="visually-hidden">{label}</legend>
            {options.map((option) => {
              const inputId = `${popoverId}-${option.value}`;
              return (
                <div key={option.value} className="filter-menu__option">
                  <input
                    id={inputId}
                    type="checkbox"
                    className="choice__input"
                    checked={selected.includes(option.value)}
                    onChange={(event) => toggle(option.value, event.target.checked)}
                  />
                  <label htmlFor={inputId}>{option.label}</label>
                </div>
              );
            })}
          </fieldset>
          {selected.length > 0 ? (
            <button type="button" className="link-button filter-menu__clear" onClick={() => onChange([])}>
              {t('filterMenu.clear', { what: label.toLowerCase() })}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
