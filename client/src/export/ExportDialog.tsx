// The export dialog: what will be exported (counts, filters), the format, the file's language,
// the PNG's resolution, and progress while the file is built. Small views are written in the
// browser by the same serialiser the server uses; large ones, and the PDF report, are built by
// the server from the view's description (POST /api/export), so the graph never travels back.
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, csrf as csrfToken } from '../api';
import { errorText } from '../Details';
import { type Reference } from '../../../core/schemas';
import type { Lang } from '../../../core/i18n';
import { useI18n } from '../i18n';
import { encodeView, type ViewState } from '../../../core/view/url';
import type { ColorEntry, ExplorerGraph, ReferenceIndex, SizeLegend } from '../../../core/graph/model';
import { docFromGraph, describeFilters, today } from '../../../core/export/describe';
import {
  EXPORT_FORMATS,
  DEFAULT_PICTURE,
  exportFileName,
  svgText,
  writeExport,
  type ExportDoc,
  type ExportFormat,
} from '../../../core/export/formats';
import './export.css';

/** Past this many nodes the server builds the file (the browser would hold it whole). */
const BROWSER_EXPORT_MAX_NODES = 5000;
const PNG_SCALES = [1, 2, 4];

export type ExportSource =
  | {
      kind: 'view';
      graph: ExplorerGraph;
      index: ReferenceIndex;
      view: ViewState;
      legend: { colors: ColorEntry[]; sizes: SizeLegend; volume: { min: number; max: number } };
      reference: Reference | undefined;
      selection: string[];
    }
  | {
      kind: 'planner';
      chain: string;
      region: string;
      cluster: string | null;
      /** A what-if scenario: today's figures and the scenario's side by side. */
      scenario: string | null;
      description: string;
    };

type Status =
  | { state: 'idle' }
  | { state: 'working'; bytes: number; server: boolean }
  | { state: 'done'; file: string }
  | { state: 'error'; message: string };

function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A PNG of the SVG at `scale` pixels per SVG pixel, drawn by the browser. */
async function pngFromSvg(svg: string, width: number, height: number, scale: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    canvas.getContext('2d')!.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The response body, counting bytes as they arrive. */
async function readWithProgress(response: Response, onBytes: (n: number) => void): Promise<Blob> {
  const reader = response.body!.getReader();
  const parts: BlobPart[] = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    n += value.length;
    onBytes(n);
  }
  return new Blob(parts, { type: response.headers.get('content-type') ?? 'application/octet-stream' });
}

const fileNameOf = (response: Response, fallback: string) => {
  const m = /filename\*=UTF-8''([^;]+)/.exec(response.headers.get('content-disposition') ?? '');
  return m ? decodeURIComponent(m[1]) : fallback;
};

export function ExportDialog({
  source: current,
  onClose,
  mayServerExport = true,
}: {
  source: ExportSource;
  onClose: () => void;
  /** The role may ask the server for a file (POST /api/export needs a planner): else only what the browser writes is offered. */
  mayServerExport?: boolean;
}) {
  const { t, lang } = useI18n();
  // What the view was when the dialog opened: the preview and the file agree even if the view changes behind it.
  const [source] = useState(current);
  const [scope, setScope] = useState<'view' | 'selection'>('view');
  const [format, setFormat] = useState<ExportFormat>(source.kind === 'planner' ? 'pdf' : 'gexf');
  const [fileLang, setFileLang] = useState<Lang>(lang);
  const [scale, setScale] = useState(2);
  // The caption's and the report's title; empty: the default one.
  const [title, setTitle] = useState('');
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const dialog = useRef<HTMLDivElement>(null);
  const abort = useRef<AbortController | null>(null);

  const doc = useMemo<ExportDoc | null>(() => {
    if (source.kind !== 'view') return null;
    return docFromGraph(source.graph, source.index, {
      lang: fileLang,
      date: today(),
      filters: source.view.filters,
      appearance: source.view.appearance,
      reference: source.reference,
      legend: source.legend,
      only: scope === 'selection' ? source.selection : undefined,
    });
  }, [source, scope, fileLang]);
  const edgeCount = doc ? (doc.edges as unknown[]).length : null;
  const filters =
    source.kind === 'view'
      ? describeFilters(source.view.filters, t, source.reference, (id) =>
          source.graph.hasNode(id) ? source.graph.getNodeAttribute(id, 'name') : id,
        )
      : [];

  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    const first = dialog.current?.querySelector<HTMLElement>('input, button, select');
    first?.focus();
    // Esc closes wherever the focus is (a control disabled while the file is built drops it to
    // the page); caught first so that the view behind does not act on it too.
    const onEscape = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopImmediatePropagation();
        e.preventDefault();
        onCloseRef.current();
      } else if (!dialog.current?.contains(e.target as Node)) {
        // The dialog is modal: the view's shortcuts (Delete, Ctrl+Z, /) wait until it closes.
        e.stopImmediatePropagation();
      }
    };
    window.addEventListener('keydown', onEscape, true);
    return () => {
      window.removeEventListener('keydown', onEscape, true);
      abort.current?.abort();
    };
  }, []);
  const downloadButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (status.state === 'done' || status.state === 'error') downloadButton.current?.focus();
  }, [status.state]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    // Keys typed in the dialog are the dialog's, not the view's (Delete would remove nodes).
    e.stopPropagation();
    if (e.key !== 'Tab' || !dialog.current) return;
    // Focus stays in the dialog: Tab from the last control goes to the first, Shift+Tab back.
    const items = [
      ...dialog.current.querySelectorAll<HTMLElement>(
        'input:not([disabled]), button:not([disabled]), select:not([disabled])',
      ),
    ];
    if (items.length === 0) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  const nodeCount = doc ? doc.nodes.length : null;
  const empty = source.kind === 'view' && nodeCount === 0;
  const viaServer = source.kind === 'planner' || format === 'pdf' || (nodeCount ?? 0) > BROWSER_EXPORT_MAX_NODES;
  // What the role cannot ask the server for is not offered at all.
  const formats = EXPORT_FORMATS.filter((f) => mayServerExport || f.browser);
  const refused = viaServer && !mayServerExport;

  async function run() {
    const controller = new AbortController();
    abort.current = controller;
    setStatus({ state: 'working', bytes: 0, server: viaServer });
    try {
      const chosenTitle = title.trim() || undefined;
      if (!viaServer && doc) {
        const titled = chosenTitle ? { ...doc, title: chosenTitle } : doc;
        const name = exportFileName(titled, format);
        if (format === 'png') {
          const svg = await svgText(titled, DEFAULT_PICTURE);
          save(await pngFromSvg(svg, DEFAULT_PICTURE.width, DEFAULT_PICTURE.height, scale), name);
        } else {
          const parts: BlobPart[] = [];
          let n = 0;
          for await (const chunk of writeExport(format as Exclude<ExportFormat, 'png' | 'pdf'>, titled)) {
            parts.push(chunk as Uint8Array<ArrayBuffer>);
            n += chunk.length;
            setStatus({ state: 'working', bytes: n, server: false });
          }
          save(new Blob(parts, { type: EXPORT_FORMATS.find((f) => f.id === format)!.mime }), name);
        }
        setStatus({ state: 'done', file: name });
        return;
      }
      let body: Record<string, unknown>;
      if (source.kind === 'planner') {
        body = {
          format,
          lang: fileLang,
          scale,
          title: chosenTitle,
          planner: {
            chain: source.chain,
            region: source.region,
            ...(source.cluster ? { cluster: source.cluster } : {}),
            ...(source.scenario ? { scenario: source.scenario } : {}),
          },
        };
      } else {
        const g = source.graph;
        body = {
          format,
          lang: fileLang,
          scale,
          title: chosenTitle,
          view: encodeView({ ...source.view, nodes: [], selected: null, camera: null, path: null }),
          ids: g.nodes(),
          positions: Object.fromEntries(g.mapNodes((id, a) => [id, [a.x, a.y]])),
          ...(scope === 'selection' ? { only: source.selection } : {}),
        };
      }
      const response = await fetch('/api/export', {
        method: 'POST',
        signal: controller.signal,
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken() },
        body: JSON.stringify(body),
      });
      if (!response.ok) {
        const data = await response.json().catch(() => ({}));
        throw new ApiError(
          response.status,
          data.error ?? 'http',
          data.message ?? response.statusText,
          data.reason,
          data.ids,
        );
      }
      const blob = await readWithProgress(response, (bytes) => setStatus({ state: 'working', bytes, server: true }));
      const name = fileNameOf(response, `coopgraph.${EXPORT_FORMATS.find((f) => f.id === format)!.extension}`);
      save(blob, name);
      setStatus({ state: 'done', file: name });
    } catch (error) {
      if (controller.signal.aborted) return;
      setStatus({ state: 'error', message: errorText(t, error) });
    }
  }

  const working = status.state === 'working';
  const kb = (n: number) => t('sizeKb', { n: t.num(n / 1024, { maximumFractionDigits: n < 10 * 1024 ? 1 : 0 }) });
  return (
    <div
      className="export-backdrop"
      onKeyDown={onKeyDown}
      onMouseDown={(e) => {
        if (e.target === e.currentTarget && !working) onClose();
      }}
    >
      <div className="dialog export-dialog" role="dialog" aria-modal="true" aria-labelledby="export-title" ref={dialog}>
        <h3 id="export-title">{t(source.kind === 'planner' ? 'exportPlannerTitle' : 'exportTitle')}</h3>

        {source.kind === 'view' && (
          <fieldset>
            <legend>{t('exportWhat')}</legend>
            <label>
              <input
                type="radio"
                name="export-scope"
                checked={scope === 'view'}
                onChange={() => setScope('view')}
                disabled={working}
              />{' '}
              {t('exportView')}
            </label>
            <label>
              <input
                type="radio"
                name="export-scope"
                checked={scope === 'selection'}
                onChange={() => setScope('selection')}
                disabled={working || source.selection.length === 0}
              />{' '}
              {t('exportSelection')} ({t.num(source.selection.length)})
            </label>
          </fieldset>
        )}

        <section className="export-preview" aria-live="polite" data-export-preview>
          <b>{t('exportPreview')}:</b>{' '}
          {source.kind === 'view' ? (
            <>
              <span data-field="export-nodes">{t.num(nodeCount ?? 0)}</span>{' '}
              {t('noun_nodes', { count: nodeCount ?? 0 })},{' '}
              <span data-field="export-links">{t.num(edgeCount ?? 0)}</span>{' '}
              {t('noun_links', { count: edgeCount ?? 0 })}
              <div className="export-filters" data-field="export-filters">
                {filters.length ? filters.join('; ') : t('exportNoFilters')}
              </div>
            </>
          ) : (
            <>
              <span data-field="export-planner">{source.description}</span>
              <div className="export-filters">{t('exportPlannerWhat')}</div>
            </>
          )}
          {viaServer && !refused && source.kind === 'view' && format !== 'pdf' && (
            <div className="export-note">{t('exportOnServer')}</div>
          )}
          {!mayServerExport && (
            <div className="export-note" data-field="export-viewer-note">
              {t('exportViewerLocal', { n: t.num(BROWSER_EXPORT_MAX_NODES) })}
            </div>
          )}
        </section>

        <fieldset className="export-formats">
          <legend>{t('exportFormat')}</legend>
          {formats.map((f) => (
            <label key={f.id}>
              <input
                type="radio"
                name="export-format"
                value={f.id}
                checked={format === f.id}
                onChange={() => setFormat(f.id)}
                disabled={working}
              />{' '}
              {t.name('fmt', f.id)}
            </label>
          ))}
        </fieldset>

        <div className="export-options">
          <label className="export-title-field">
            {t('pic_titleField')}{' '}
            <input
              type="text"
              value={title}
              maxLength={200}
              onChange={(e) => setTitle(e.target.value)}
              placeholder={doc ? doc.title : source.kind === 'planner' ? source.description : ''}
              disabled={working}
              data-field="export-title"
            />
          </label>
          <label>
            {t('exportLanguage')}{' '}
            <select value={fileLang} onChange={(e) => setFileLang(e.target.value as Lang)} disabled={working}>
              <option value="ru">{t('langName_ru')}</option>
              <option value="en">{t('langName_en')}</option>
            </select>
          </label>
          {format === 'png' && (
            <label>
              {t('exportResolution')}{' '}
              <select
                value={scale}
                onChange={(e) => setScale(Number(e.target.value))}
                disabled={working}
                data-field="png-scale"
              >
                {PNG_SCALES.map((s) => (
                  <option key={s} value={s}>
                    {DEFAULT_PICTURE.width * s} × {DEFAULT_PICTURE.height * s}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>

        {empty && (
          <p className="export-empty" role="status">
            {t('exportEmpty')}
          </p>
        )}
        {working && (
          <p className="export-progress" role="status">
            <span className="spinner" aria-hidden="true" /> {t('exportWorking')}
            {status.bytes > 0 && (
              <>
                {' '}
                {t('exportReceived')} <span data-field="export-bytes">{kb(status.bytes)}</span>
              </>
            )}
          </p>
        )}
        {status.state === 'done' && (
          <p className="export-done" role="status" data-field="export-done">
            {t('exportDone')}: {status.file}
          </p>
        )}
        {status.state === 'error' && (
          <p className="export-error" role="alert">
            {t('exportFailed')}: {status.message}
          </p>
        )}

        <div className="buttons">
          <button
            className="primary"
            ref={downloadButton}
            onClick={run}
            disabled={working || empty || refused}
            data-action="export-download"
          >
            {t('exportDownload')}
          </button>
          <button onClick={onClose}>{t('exportClose')}</button>
        </div>
      </div>
    </div>
  );
}
