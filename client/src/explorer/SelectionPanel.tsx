// The right-hand panel: the selected node (its suppliers and buyers with volumes, clusters, all
// properties, links to the other views), the selected link, and the supply-path tool.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, type ExpandRequest } from '../api';
import { NodeDetails, errorText } from '../Details';
import { useI18n } from '../i18n';
import { TIE_RELS, type ExplorerGraph } from '../../../core/graph/model';
import { dataName, isoDate } from '../../../core/i18n/legend';
import type { PathQuery } from '../../../core/view/url';
import { useClusterNames, useReferenceNames } from './hooks/useNames';
import { ExplorerSearch } from './ExplorerSearch';
import type { SearchHit } from '../../../core/schemas';

const PARTNERS = 8;

function Partners({
  id,
  dir,
  onAdd,
  onSelect,
  graph,
}: {
  id: string;
  dir: 'in' | 'out';
  graph: ExplorerGraph;
  onAdd: (id: string) => void;
  onSelect: (id: string) => void;
}) {
  const { t, lang } = useI18n();
  const partners = useQuery({
    queryKey: ['partners', id, dir],
    queryFn: ({ signal }) => api.expand({ id, rel: ['SUPPLIES'], dir, limit: PARTNERS }, signal),
  });
  const title = dir === 'in' ? t('suppliers') : t('buyers');
  if (partners.isPending)
    return (
      <>
        <h3>{title}</h3>
        <p className="loading">{t('loading')}</p>
      </>
    );
  if (partners.isError)
    return (
      <>
        <h3>{title}</h3>
        <p className="error" role="alert">
          {errorText(t, partners.error)}
        </p>
      </>
    );
  const { nodes, edges, total } = partners.data;
  const volume = new Map<string, number>();
  for (const e of edges) {
    const other = dir === 'in' ? e.source : e.target;
    if ((dir === 'in' ? e.target : e.source) === id)
      volume.set(other, (volume.get(other) ?? 0) + (e.volumeMlnRub ?? 0));
  }
  return (
    <>
      <h3>
        {title} <span className="n">{total.toLocaleString(lang)}</span>
      </h3>
      {total === 0 && <p className="empty small">{dir === 'in' ? t('noSuppliers') : t('noBuyers')}</p>}
      <ol className="partners" data-partners={dir}>
        {nodes
          .filter((n) => n.id !== id)
          .map((n) => (
            <li key={n.id}>
              {graph.hasNode(n.id) ? (
                <button className="link" onClick={() => onSelect(n.id)}>
                  {lang === 'en' && n.nameEn ? n.nameEn : n.name}
                </button>
              ) : (
                <span>{lang === 'en' && n.nameEn ? n.nameEn : n.name}</span>
              )}
              {' — '}
              {(volume.get(n.id) ?? 0).toLocaleString(lang, { maximumFractionDigits: 1 })} {t('mlnRub')}
              {!graph.hasNode(n.id) && (
                <button
                  className="add"
                  title={t('addToGraph')}
                  aria-label={`${t('addToGraph')}: ${n.name}`}
                  onClick={() => onAdd(n.id)}
                >
                  +
                </button>
              )}
            </li>
          ))}
      </ol>
      {total > nodes.length && (
        <p className="legend-note">
          {t('largestShown')} {Math.min(nodes.length, PARTNERS)}
        </p>
      )}
    </>
  );
}

const ENTERPRISES = ['enterprise'] as const;

function PathTool({
  graph,
  path,
  result,
  onChange,
}: {
  graph: ExplorerGraph;
  path: PathQuery | null;
  result: { nodes: string[]; edges: string[]; found: boolean } | null;
  onChange: (p: PathQuery | null) => void;
}) {
  const { t, lang } = useI18n();
  const names = useReferenceNames();
  // Names of ends chosen from the search, until the path brings them onto the graph.
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const name = (id: string) =>
    id && graph.hasNode(id) ? graph.getNodeAttribute(id, 'label') : chosen[id] || id || '—';
  const setEnd = (end: 'from' | 'to', id: string, hit: SearchHit) => {
    setChosen((c) => ({ ...c, [id]: lang === 'en' && hit.nameEn ? hit.nameEn : hit.name }));
    onChange({ from: path?.from ?? '', to: path?.to ?? '', directed: path?.directed ?? true, [end]: id });
  };
  const endRow = (end: 'from' | 'to') => {
    const id = path?.[end] ?? '';
    return (
      <tr>
        <th>{end === 'from' ? t('pathFromLabel') : t('pathToLabel')}</th>
        <td>
          <div data-field={`path-${end}`}>{name(id)}</div>
          <ExplorerSearch
            onChoose={(hitId, hit) => setEnd(end, hitId, hit)}
            label={end === 'from' ? t('pathFromSearch') : t('pathToSearch')}
            placeholder={t('pathEndSearch')}
            listId={`path-${end}-hits`}
            kinds={ENTERPRISES}
            inputType="text"
            className={`path-end-search`}
            clearOnChoose
          />
        </td>
      </tr>
    );
  };
  const volume = (v: number) => `${v.toLocaleString(lang, { maximumFractionDigits: v >= 100 ? 0 : 1 })} ${t('mlnRub')}`;
  return (
    <section className="path-tool" aria-label={t('pathTitle')}>
      <h3>{t('pathTitle')}</h3>
      {!path && <p className="legend-note">{t('pathHintSearch')}</p>}
      <table>
        <tbody>
          {endRow('from')}
          {endRow('to')}
        </tbody>
      </table>
      {path && (
        <>
          <label className="check">
            <input
              type="checkbox"
              checked={path.directed}
              onChange={() => onChange({ ...path, directed: !path.directed })}
            />
            {t('pathDirected')}
          </label>
          <div className="buttons">
            <button onClick={() => onChange({ from: path.to, to: path.from, directed: path.directed })}>
              {t('swap')}
            </button>
            <button onClick={() => onChange(null)}>{t('clearPath')}</button>
          </div>
          {(!path.from || !path.to) && <p className="legend-note">{t('pathNeedBoth')}</p>}
          {result && path.from && path.to && !result.found && (
            <p className="empty" role="status">
              {t('pathNotFound')}
            </p>
          )}
          {result?.found && (
            <>
              <p role="status">
                {t('pathLength')}: <b data-field="path-length">{result.edges.length}</b>
              </p>
              <ol className="path-list">
                {result.nodes.map((n, i) => {
                  // The link from this step to the next: what goes along it, and how much.
                  const edge = result.edges[i];
                  const e = edge && graph.hasEdge(edge) ? graph.getEdgeAttributes(edge) : null;
                  const product = e ? e.product || (e.stage ? (names.stage.get(e.stage) ?? e.stage) : null) : null;
                  return (
                    <li key={n}>
                      <span className="step-node">{name(n)}</span>
                      {e && (
                        <span className="step-link" data-step-edge={edge}>
                          <span data-field="step-product">{product ?? t('noData')}</span>
                          {' · '}
                          <span data-field="step-volume">
                            {e.volumeMlnRub === null ? t('noData') : volume(e.volumeMlnRub)}
                          </span>
                        </span>
                      )}
                    </li>
                  );
                })}
              </ol>
            </>
          )}
        </>
      )}
    </section>
  );
}

export function SelectionPanel({
  graph,
  selected,
  selectedEdge,
  multi,
  path,
  pathResult,
  onPathChange,
  onAdd,
  onExpand,
  onSelect,
}: {
  graph: ExplorerGraph;
  version: number;
  selected: string | null;
  selectedEdge: string | null;
  multi: string[];
  path: PathQuery | null;
  pathResult: { nodes: string[]; edges: string[]; found: boolean } | null;
  onPathChange: (p: PathQuery | null) => void;
  onAdd: (id: string) => void;
  onExpand: (id: string, request: Partial<ExpandRequest>) => void;
  onSelect: (id: string) => void;
}) {
  const { t, lang } = useI18n();
  const names = useReferenceNames();
  const clusterName = useClusterNames(
    graph,
    selected && graph.hasNode(selected) ? graph.getNodeAttribute(selected, 'clusters') : [],
  );
  const pathTool = <PathTool graph={graph} path={path} result={pathResult} onChange={onPathChange} />;
  if (selectedEdge && graph.hasEdge(selectedEdge)) {
    const e = graph.getEdgeAttributes(selectedEdge);
    const source = graph.source(selectedEdge);
    const target = graph.target(selectedEdge);
    return (
      <>
        <section className="details" aria-label={t('properties')}>
          <div className="kind" data-rel={e.rel}>
            {dataName(t, 'rel', e.rel)}
          </div>
          <h2 className="edge-title">
            <button className="link" onClick={() => onSelect(source)}>
              {graph.getNodeAttribute(source, 'label')}
            </button>
            {' → '}
            <button className="link" onClick={() => onSelect(target)}>
              {graph.getNodeAttribute(target, 'label')}
            </button>
          </h2>
          {e.synthetic && <p className="note synthetic">{t('syntheticLink')}</p>}
          {TIE_RELS.includes(e.rel) && <p className="note">{t('tiesFromRegister')}</p>}
          <table>
            <tbody>
              {e.law && (
                <tr data-field="law">
                  <th>{t('tiesLaw')}</th>
                  <td>{dataName(t, 'law', e.law)}</td>
                </tr>
              )}
              {e.number && (
                <tr data-field="number">
                  <th>{t('tiesNumber')}</th>
                  <td>{e.number}</td>
                </tr>
              )}
              {e.date && (
                <tr data-field="date">
                  <th>{t('tiesDate')}</th>
                  <td>{isoDate(t, e.date)}</td>
                </tr>
              )}
              {e.subject && (
                <tr data-field="subject">
                  <th>{t('tiesSubject')}</th>
                  <td>{e.subject}</td>
                </tr>
              )}
              {e.product && (
                <tr>
                  <th>{t('product')}</th>
                  <td>{e.product}</td>
                </tr>
              )}
              {e.stage && (
                <tr>
                  <th>{t('stage')}</th>
                  <td data-field="stage">{names.stage.get(e.stage) ?? e.stage}</td>
                </tr>
              )}
              {e.volumeMlnRub !== null && (
                <tr>
                  <th>{t('volume')}</th>
                  <td>
                    {e.volumeMlnRub.toLocaleString(lang)} {t('mlnRub')}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </section>
        {pathTool}
      </>
    );
  }
  if (multi.length > 1) {
    return (
      <>
        <section className="details">
          <h2>
            {t('selectedMany')}: {multi.length}
          </h2>
          <ul>
            {multi
              .filter((n) => graph.hasNode(n))
              .map((n) => (
                <li key={n}>
                  <button className="link" onClick={() => onSelect(n)}>
                    {graph.getNodeAttribute(n, 'label')}
                  </button>
                </li>
              ))}
          </ul>
          <p className="legend-note">{t('multiHint')}</p>
        </section>
        {pathTool}
      </>
    );
  }
  if (!selected) {
    return (
      <>
        <section className="hint">
          <p className="empty">{t('explorerHint')}</p>
          <ul className="keys">
            <li>
              <kbd>/</kbd> {t('keySearch')}
            </li>
            <li>{t('keyDouble')}</li>
            <li>{t('keyRight')}</li>
            <li>
              <kbd>Shift</kbd> + {t('keyShift')}
            </li>
            <li>
              <kbd>Delete</kbd> {t('keyDelete')} · <kbd>Ctrl</kbd>+<kbd>Z</kbd> {t('undo')} · <kbd>Esc</kbd>{' '}
              {t('keyEsc')}
            </li>
          </ul>
        </section>
        {pathTool}
      </>
    );
  }
  const a = graph.getNodeAttributes(selected);
  const isEnterprise = a.kind === 'enterprise';
  return (
    <>
      <section className="selected-node" data-selected={selected}>
        <div className="kind">
          {t.name('type', a.kind)}
          {a.chains.length > 0 && ` · ${a.chains.map((c) => t.name('chain', c)).join(', ')}`}
        </div>
        <h2>{a.label}</h2>
        <div className="buttons">
          <button onClick={() => onExpand(selected, {})}>{t('expandAll')}</button>
          {isEnterprise && (
            <button
              onClick={() => onPathChange({ from: selected, to: path?.to ?? '', directed: path?.directed ?? true })}
            >
              {t('pathFrom')}
            </button>
          )}
          {isEnterprise && (
            <button
              onClick={() => onPathChange({ from: path?.from ?? '', to: selected, directed: path?.directed ?? true })}
            >
              {t('pathTo')}
            </button>
          )}
          {a.region && (
            <a className="button" href={`#overview?region=${a.region}`}>
              {t('onOverview')}
            </a>
          )}
        </div>
      </section>
      {isEnterprise && <Partners id={selected} dir="in" graph={graph} onAdd={onAdd} onSelect={onSelect} />}
      {isEnterprise && <Partners id={selected} dir="out" graph={graph} onAdd={onAdd} onSelect={onSelect} />}
      {isEnterprise && a.clusters.length > 0 && (
        <>
          <h3>{t('memberships')}</h3>
          <ul className="partners">
            {a.clusters.map((c) => (
              <li key={c}>
                {graph.hasNode(c) ? (
                  <button className="link" onClick={() => onSelect(c)}>
                    {graph.getNodeAttribute(c, 'label')}
                  </button>
                ) : (
                  <span data-cluster={c}>{clusterName(c)}</span>
                )}
                {!graph.hasNode(c) && (
                  <button className="add" title={t('addToGraph')} onClick={() => onAdd(c)}>
                    +
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <NodeDetails id={selected} heading={false} />
      {pathTool}
    </>
  );
}
