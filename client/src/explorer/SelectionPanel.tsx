// The right-hand panel: the selected node (its suppliers and buyers with volumes, clusters, all
// properties, links to the other views), the selected link, and the supply-path tool.
import { useQuery } from '@tanstack/react-query';
import { api, type ExpandRequest } from '../api';
import { NodeDetails, errorText } from '../Details';
import { CHAIN_NAMES, RELATIONSHIP_NAMES, TYPE_NAMES, t, type Lang } from '../../../core/i18n';
import type { ExplorerGraph } from '../../../core/graph/model';
import type { PathQuery } from '../../../core/view/url';

const PARTNERS = 8;

function Partners({ lang, id, dir, onAdd, onSelect, graph }: {
  lang: Lang; id: string; dir: 'in' | 'out'; graph: ExplorerGraph; onAdd: (id: string) => void; onSelect: (id: string) => void;
}) {
  const partners = useQuery({
    queryKey: ['partners', id, dir],
    queryFn: ({ signal }) => api.expand({ id, rel: ['SUPPLIES'], dir, limit: PARTNERS }, signal),
  });
  const title = dir === 'in' ? t(lang, 'suppliers') : t(lang, 'buyers');
  if (partners.isPending) return <><h3>{title}</h3><p className="loading">{t(lang, 'loading')}</p></>;
  if (partners.isError) return <><h3>{title}</h3><p className="error" role="alert">{errorText(lang, partners.error)}</p></>;
  const { nodes, edges, total } = partners.data;
  const volume = new Map<string, number>();
  for (const e of edges) {
    const other = dir === 'in' ? e.source : e.target;
    if ((dir === 'in' ? e.target : e.source) === id) volume.set(other, (volume.get(other) ?? 0) + (e.volumeMlnRub ?? 0));
  }
  return (
    <>
      <h3>{title} <span className="n">{total.toLocaleString(lang)}</span></h3>
      {total === 0 && <p className="empty small">{dir === 'in' ? t(lang, 'noSuppliers') : t(lang, 'noBuyers')}</p>}
      <ol className="partners" data-partners={dir}>
        {nodes.filter((n) => n.id !== id).map((n) => (
          <li key={n.id}>
            {graph.hasNode(n.id)
              ? <button className="link" onClick={() => onSelect(n.id)}>{lang === 'en' && n.nameEn ? n.nameEn : n.name}</button>
              : <span>{lang === 'en' && n.nameEn ? n.nameEn : n.name}</span>}
            {' — '}{(volume.get(n.id) ?? 0).toLocaleString(lang, { maximumFractionDigits: 1 })} {t(lang, 'mlnRub')}
            {!graph.hasNode(n.id) && <button className="add" title={t(lang, 'addToGraph')} aria-label={`${t(lang, 'addToGraph')}: ${n.name}`} onClick={() => onAdd(n.id)}>+</button>}
          </li>
        ))}
      </ol>
      {total > nodes.length && <p className="legend-note">{t(lang, 'largestShown')} {Math.min(nodes.length, PARTNERS)}</p>}
    </>
  );
}

function PathTool({ lang, graph, path, result, onChange }: {
  lang: Lang; graph: ExplorerGraph; path: PathQuery | null;
  result: { nodes: string[]; edges: string[]; found: boolean } | null; onChange: (p: PathQuery | null) => void;
}) {
  const name = (id: string) => (id && graph.hasNode(id) ? graph.getNodeAttribute(id, 'label') : id || '—');
  return (
    <section className="path-tool" aria-label={t(lang, 'pathTitle')}>
      <h3>{t(lang, 'pathTitle')}</h3>
      {!path && <p className="legend-note">{t(lang, 'pathHint')}</p>}
      {path && (
        <>
          <table>
            <tbody>
              <tr><th>{t(lang, 'pathFromLabel')}</th><td data-field="path-from">{name(path.from)}</td></tr>
              <tr><th>{t(lang, 'pathToLabel')}</th><td data-field="path-to">{name(path.to)}</td></tr>
            </tbody>
          </table>
          <label className="check"><input type="checkbox" checked={path.directed} onChange={() => onChange({ ...path, directed: !path.directed })} />{t(lang, 'pathDirected')}</label>
          <div className="buttons">
            <button onClick={() => onChange({ from: path.to, to: path.from, directed: path.directed })}>{t(lang, 'swap')}</button>
            <button onClick={() => onChange(null)}>{t(lang, 'clearPath')}</button>
          </div>
          {(!path.from || !path.to) && <p className="legend-note">{t(lang, 'pathNeedBoth')}</p>}
          {result && path.from && path.to && !result.found && <p className="empty" role="status">{t(lang, 'pathNotFound')}</p>}
          {result?.found && (
            <>
              <p role="status">{t(lang, 'pathLength')}: <b data-field="path-length">{result.edges.length}</b></p>
              <ol className="path-list">{result.nodes.map((n) => <li key={n}>{name(n)}</li>)}</ol>
            </>
          )}
        </>
      )}
    </section>
  );
}

export function SelectionPanel({ lang, graph, selected, selectedEdge, multi, path, pathResult, onPathChange, onAdd, onExpand, onSelect }: {
  lang: Lang; graph: ExplorerGraph; version: number; selected: string | null; selectedEdge: string | null; multi: string[];
  path: PathQuery | null; pathResult: { nodes: string[]; edges: string[]; found: boolean } | null;
  onPathChange: (p: PathQuery | null) => void; onAdd: (id: string) => void;
  onExpand: (id: string, request: Partial<ExpandRequest>) => void; onSelect: (id: string) => void;
}) {
  const pathTool = <PathTool lang={lang} graph={graph} path={path} result={pathResult} onChange={onPathChange} />;
  if (selectedEdge && graph.hasEdge(selectedEdge)) {
    const e = graph.getEdgeAttributes(selectedEdge);
    const source = graph.source(selectedEdge);
    const target = graph.target(selectedEdge);
    return (
      <>
        <section className="details" aria-label={t(lang, 'properties')}>
          <div className="kind">{RELATIONSHIP_NAMES[e.rel]?.[lang] ?? e.rel}</div>
          <h2 className="edge-title">
            <button className="link" onClick={() => onSelect(source)}>{graph.getNodeAttribute(source, 'label')}</button>{' → '}
            <button className="link" onClick={() => onSelect(target)}>{graph.getNodeAttribute(target, 'label')}</button>
          </h2>
          {e.synthetic && <p className="note synthetic">{t(lang, 'syntheticLink')}</p>}
          <table><tbody>
            {e.product && <tr><th>{t(lang, 'product')}</th><td>{e.product}</td></tr>}
            {e.stage && <tr><th>{t(lang, 'stage')}</th><td>{e.stage}</td></tr>}
            {e.volumeMlnRub !== null && <tr><th>{t(lang, 'volume')}</th><td>{e.volumeMlnRub.toLocaleString(lang)} {t(lang, 'mlnRub')}</td></tr>}
          </tbody></table>
        </section>
        {pathTool}
      </>
    );
  }
  if (multi.length > 1) {
    return (
      <>
        <section className="details">
          <h2>{t(lang, 'selectedMany')}: {multi.length}</h2>
          <ul>{multi.filter((n) => graph.hasNode(n)).map((n) => <li key={n}><button className="link" onClick={() => onSelect(n)}>{graph.getNodeAttribute(n, 'label')}</button></li>)}</ul>
          <p className="legend-note">{t(lang, 'multiHint')}</p>
        </section>
        {pathTool}
      </>
    );
  }
  if (!selected) {
    return (
      <>
        <section className="hint">
          <p className="empty">{t(lang, 'explorerHint')}</p>
          <ul className="keys">
            <li><kbd>/</kbd> {t(lang, 'keySearch')}</li>
            <li>{t(lang, 'keyDouble')}</li>
            <li>{t(lang, 'keyRight')}</li>
            <li><kbd>Shift</kbd> + {t(lang, 'keyShift')}</li>
            <li><kbd>Delete</kbd> {t(lang, 'keyDelete')} · <kbd>Ctrl</kbd>+<kbd>Z</kbd> {t(lang, 'undo')} · <kbd>Esc</kbd> {t(lang, 'keyEsc')}</li>
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
        <div className="kind">{TYPE_NAMES[a.kind]?.[lang] ?? a.kind}{a.chains.length > 0 && ` · ${a.chains.map((c) => CHAIN_NAMES[c as 'timber']?.[lang] ?? c).join(', ')}`}</div>
        <h2>{a.label}</h2>
        <div className="buttons">
          <button onClick={() => onExpand(selected, {})}>{t(lang, 'expandAll')}</button>
          {isEnterprise && <button onClick={() => onPathChange({ from: selected, to: path?.to ?? '', directed: path?.directed ?? true })}>{t(lang, 'pathFrom')}</button>}
          {isEnterprise && <button onClick={() => onPathChange({ from: path?.from ?? '', to: selected, directed: path?.directed ?? true })}>{t(lang, 'pathTo')}</button>}
          {a.region && <a className="button" href={`#overview?region=${a.region}`}>{t(lang, 'onOverview')}</a>}
        </div>
      </section>
      {isEnterprise && <Partners lang={lang} id={selected} dir="in" graph={graph} onAdd={onAdd} onSelect={onSelect} />}
      {isEnterprise && <Partners lang={lang} id={selected} dir="out" graph={graph} onAdd={onAdd} onSelect={onSelect} />}
      {isEnterprise && a.clusters.length > 0 && (
        <>
          <h3>{t(lang, 'memberships')}</h3>
          <ul className="partners">
            {a.clusters.map((c) => (
              <li key={c}>
                {graph.hasNode(c) ? <button className="link" onClick={() => onSelect(c)}>{graph.getNodeAttribute(c, 'label')}</button> : <span>{c.replace(/^cluster:/, '')}</span>}
                {!graph.hasNode(c) && <button className="add" title={t(lang, 'addToGraph')} onClick={() => onAdd(c)}>+</button>}
              </li>
            ))}
          </ul>
        </>
      )}
      <NodeDetails lang={lang} id={selected} heading={false} />
      {pathTool}
    </>
  );
}
