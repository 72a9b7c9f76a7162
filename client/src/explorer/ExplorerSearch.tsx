// Search with autocomplete (names with Russian morphology and Latin spelling, INN, OKVED prefix):
// arrows move through the hits, Enter or a click chooses one, Esc closes the list.
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { errorText } from '../Details';
import { useI18n } from '../i18n';
import { useDebounced } from '../useDebounced';
import { HitMeta } from '../HitMeta';
import type { NodeKind, SearchHit } from '../../../core/schemas';

interface SearchProps {
  onChoose: (id: string, hit: SearchHit) => void;
  /** The input's accessible name and placeholder (the toolbar's search by default). */
  label?: string;
  placeholder?: string;
  /** The id of the list of hits: one per search field on the page. */
  listId?: string;
  /** Only hits of these kinds (the path's ends are enterprises). */
  kinds?: readonly NodeKind[];
  /**
   * `search` for the toolbar's search box; the path's fields are plain text fields, so that the
   * page keeps one search box (the one `/` focuses).
   */
  inputType?: 'search' | 'text';
  className?: string;
  /** Empty the field once a hit is chosen (the chosen name is shown elsewhere). */
  clearOnChoose?: boolean;
}

export const ExplorerSearch = forwardRef<HTMLInputElement, SearchProps>(function ExplorerSearch(
  { onChoose, label, placeholder, listId = 'explorer-hits', kinds, inputType = 'search', className, clearOnChoose },
  ref,
) {
  const { t, lang } = useI18n();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => input.current!);
  const q = useDebounced(text.trim(), 180);
  const hits = useQuery({
    queryKey: ['search', q],
    queryFn: ({ signal }) => api.search(q, signal),
    enabled: q.length > 0,
  });
  const all = hits.data?.hits ?? [];
  const list = kinds ? all.filter((h) => kinds.includes(h.type)) : all;
  useEffect(() => setActive(0), [q]);
  const expanded = open && q.length > 0;

  const choose = (hit: SearchHit) => {
    setOpen(false);
    if (clearOnChoose) setText('');
    onChoose(hit.id, hit);
    input.current?.blur();
  };

  return (
    // The ARIA 1.2 combobox: the input itself is the combobox, and it points at the list only
    // while the list is in the page (aria-controls naming a missing id is invalid ARIA).
    <div className={`autocomplete${className ? ` ${className}` : ''}`}>
      <input
        ref={input}
        type={inputType}
        role="combobox"
        value={text}
        placeholder={placeholder ?? label ?? t('searchPlaceholder')}
        aria-label={label ?? t('searchPlaceholder')}
        aria-autocomplete="list"
        aria-haspopup="listbox"
        aria-expanded={expanded}
        aria-controls={expanded ? listId : undefined}
        aria-activedescendant={expanded && list[active] ? `${listId}-${active}` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, list.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter' && list[active]) {
            e.preventDefault();
            choose(list[active]);
          } else if (e.key === 'Escape') {
            setOpen(false);
            input.current?.blur();
          }
        }}
      />
      {expanded && (
        <div className="dropdown">
          {hits.isFetching && <p className="loading">{t('searching')}</p>}
          {hits.isError && (
            <p className="error" role="alert">
              {errorText(t, hits.error)}
            </p>
          )}
          {hits.data && list.length === 0 && !hits.isFetching && <p className="empty">{t('noHits')}</p>}
          <ul id={listId} role="listbox" aria-label={t('searchHits')}>
            {list.map((h, i) => (
              <li
                key={h.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                data-id={h.id}
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(h);
                }}
                onMouseEnter={() => setActive(i)}
              >
                <span className="name">{lang === 'en' && h.nameEn ? h.nameEn : h.name}</span>
                <HitMeta hit={h} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
});
