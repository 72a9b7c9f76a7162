// The card shown while the pointer rests on a node or a link: the few figures that matter (a node's
// name, region, category, stages and the supply volumes on screen; a link's ends, kind, product,
// stage and volume), «нет данных» where the data has none. It sits beside the pointer, never under
// it, flipped to stay inside the canvas, and goes away when the pointer leaves or a drag starts.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useSigma } from '@react-sigma/core';
import type { EdgeAttrs, NodeAttrs } from '../../../core/graph/model';
import { dataName } from '../../../core/i18n/legend';
import { useI18n } from '../i18n';
import { useExplorer } from './hooks/store';
import { useReferenceNames } from './hooks/useNames';

interface Hovered {
  kind: 'node' | 'edge';
  id: string;
  /** The pointer, in pixels from the canvas's top left corner. */
  x: number;
  y: number;
}

/** Pixels between the pointer and the card. */
const GAP = 14;

export function HoverCard() {
  const sigma = useSigma<NodeAttrs, EdgeAttrs>();
  const [hovered, setHovered] = useState<Hovered | null>(null);

  useEffect(() => {
    let pressed = false;
    const captor = sigma.getMouseCaptor();
    const show = (kind: Hovered['kind'], id: string, x: number, y: number) => {
      if (!pressed) setHovered({ kind, id, x, y });
    };
    const onEnterNode = ({ node, event }: { node: string; event: { x: number; y: number } }) =>
      show('node', node, event.x, event.y);
    const onEnterEdge = ({ edge, event }: { edge: string; event: { x: number; y: number } }) =>
      show('edge', edge, event.x, event.y);
    const hide = () => setHovered(null);
    // Follow the pointer while it stays on the item.
    const onMove = (e: { x: number; y: number }) => setHovered((h) => (h && !pressed ? { ...h, x: e.x, y: e.y } : h));
    // A press of the primary button may start a drag (of a node or the camera): no card until it
    // is released. The captor reports the release only for that button, so the window is asked.
    const onDown = (e: { original: MouseEvent | TouchEvent }) => {
      setHovered(null);
      if ('button' in e.original && e.original.button === 0) pressed = true;
    };
    const onUp = () => {
      pressed = false;
    };
    sigma.on('enterNode', onEnterNode);
    sigma.on('enterEdge', onEnterEdge);
    sigma.on('leaveNode', hide);
    sigma.on('leaveEdge', hide);
    sigma.on('leaveStage', hide);
    captor.on('mousemove', onMove);
    captor.on('mousedown', onDown);
    window.addEventListener('mouseup', onUp);
    captor.on('wheel', hide);
    return () => {
      sigma.removeListener('enterNode', onEnterNode);
      sigma.removeListener('enterEdge', onEnterEdge);
      sigma.removeListener('leaveNode', hide);
      sigma.removeListener('leaveEdge', hide);
      sigma.removeListener('leaveStage', hide);
      captor.removeListener('mousemove', onMove);
      captor.removeListener('mousedown', onDown);
      window.removeEventListener('mouseup', onUp);
      captor.removeListener('wheel', hide);
    };
  }, [sigma]);

  if (!hovered) return null;
  return <Card hovered={hovered} container={sigma.getContainer()} />;
}

function Card({ hovered, container }: { hovered: Hovered; container: HTMLElement }) {
  const { graph } = useExplorer();
  const ref = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<{ left: number; top: number } | null>(null);

  // Beside the pointer (below right), flipped left or up where the canvas ends.
  useLayoutEffect(() => {
    const card = ref.current;
    if (!card) return;
    const w = card.offsetWidth;
    const h = card.offsetHeight;
    const cw = container.clientWidth;
    const ch = container.clientHeight;
    let left = hovered.x + GAP;
    let top = hovered.y + GAP;
    if (left + w > cw) left = hovered.x - GAP - w;
    if (top + h > ch) top = hovered.y - GAP - h;
    setPlace({ left: Math.max(0, Math.min(left, cw - w)), top: Math.max(0, Math.min(top, ch - h)) });
  }, [hovered, container]);

  const exists = hovered.kind === 'node' ? graph.hasNode(hovered.id) : graph.hasEdge(hovered.id);
  if (!exists) return null;
  return (
    <div
      ref={ref}
      className="hover-card"
      role="tooltip"
      data-hover={hovered.kind}
      data-id={hovered.id}
      style={{ left: place?.left ?? hovered.x + GAP, top: place?.top ?? hovered.y + GAP, opacity: place ? 1 : 0 }}
    >
      {hovered.kind === 'node' ? <NodeFigures id={hovered.id} /> : <EdgeFigures id={hovered.id} />}
    </div>
  );
}

function useFormat() {
  const { t } = useI18n();
  return {
    volume: (v: number) => `${t.num(v, { maximumFractionDigits: v >= 100 ? 0 : 1 })} ${t('mlnRub')}`,
  };
}

function Row({ label, field, value }: { label: string; field: string; value: string | null }) {
  const { t } = useI18n();
  return (
    <tr data-field={field}>
      <th>{label}</th>
      <td className={value === null ? 'no-data' : undefined}>{value ?? t('noData')}</td>
    </tr>
  );
}

function NodeFigures({ id }: { id: string }) {
  const { t } = useI18n();
  const { graph } = useExplorer();
  const names = useReferenceNames();
  const fmt = useFormat();
  const a = graph.getNodeAttributes(id);
  const enterprise = a.kind === 'enterprise';
  // Supply volumes among the links on screen: what the node buys (in) and sells (out).
  let volumeIn: number | null = null;
  let volumeOut: number | null = null;
  graph.forEachInEdge(id, (_, e) => {
    if (e.rel === 'SUPPLIES' && e.volumeMlnRub !== null) volumeIn = (volumeIn ?? 0) + e.volumeMlnRub;
  });
  graph.forEachOutEdge(id, (_, e) => {
    if (e.rel === 'SUPPLIES' && e.volumeMlnRub !== null) volumeOut = (volumeOut ?? 0) + e.volumeMlnRub;
  });
  const stages = a.stages.map((s) => names.stage.get(s) ?? s);
  return (
    <>
      <div className="kind">{t.name('type', a.kind)}</div>
      <b className="title">{a.label}</b>
      <table>
        <tbody>
          {a.kind !== 'region' && (
            <Row
              label={t('hoverRegion')}
              field="region"
              value={a.region ? (names.region.get(a.region) ?? a.region) : null}
            />
          )}
          {enterprise && (
            <Row
              label={t('hoverCategory')}
              field="category"
              value={a.category ? t.name('sizeCat', a.category) : null}
            />
          )}
          {(enterprise || a.kind === 'stage') && (
            <Row label={t('hoverStages')} field="stages" value={stages.length ? stages.join(', ') : null} />
          )}
          {enterprise && (
            <Row label={t('hoverVolumeIn')} field="volume-in" value={volumeIn === null ? null : fmt.volume(volumeIn)} />
          )}
          {enterprise && (
            <Row
              label={t('hoverVolumeOut')}
              field="volume-out"
              value={volumeOut === null ? null : fmt.volume(volumeOut)}
            />
          )}
        </tbody>
      </table>
    </>
  );
}

function EdgeFigures({ id }: { id: string }) {
  const { t } = useI18n();
  const { graph } = useExplorer();
  const names = useReferenceNames();
  const fmt = useFormat();
  const e = graph.getEdgeAttributes(id);
  const supply = e.rel === 'SUPPLIES';
  return (
    <>
      <div className="kind" data-field="rel">
        {dataName(t, 'rel', e.rel)}
      </div>
      <b className="title">
        {graph.getNodeAttribute(graph.source(id), 'label')} → {graph.getNodeAttribute(graph.target(id), 'label')}
      </b>
      <table>
        <tbody>
          {(supply || e.product) && <Row label={t('product')} field="product" value={e.product} />}
          {(supply || e.stage) && (
            <Row label={t('stage')} field="stage" value={e.stage ? (names.stage.get(e.stage) ?? e.stage) : null} />
          )}
          {(supply || e.volumeMlnRub !== null) && (
            <Row
              label={t('volume')}
              field="volume"
              value={e.volumeMlnRub === null ? null : fmt.volume(e.volumeMlnRub)}
            />
          )}
        </tbody>
      </table>
    </>
  );
}
