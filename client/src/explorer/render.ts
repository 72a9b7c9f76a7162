// Sigma settings of the explorer, shared with the benchmark so that "bare sigma" there draws the
// same graph with the same settings as the app.
import type { Attributes } from 'graphology-types';
import { EdgeArrowProgram, EdgeLineProgram, EdgeTriangleProgram, type EdgeProgramType } from 'sigma/rendering';
import type { Settings } from 'sigma/settings';

/** Above this many edges, edge hover/click detection is switched off (it costs a frame each move). */
const EDGE_EVENTS_LIMIT = 5000;

export function explorerSettings<N extends Attributes = Attributes, E extends Attributes = Attributes>(
  edges: number,
): Partial<Settings<N, E>> {
  return {
    allowInvalidContainer: true,
    defaultEdgeType: 'line',
    edgeProgramClasses: {
      arrow: EdgeArrowProgram as unknown as EdgeProgramType<N, E>,
      line: EdgeLineProgram as unknown as EdgeProgramType<N, E>,
      // The wedge of a partnership-programme tie (core/graph/model.ts EDGE_SHAPES).
      triangle: EdgeTriangleProgram as unknown as EdgeProgramType<N, E>,
    },
    labelFont: 'system-ui, "Segoe UI", Roboto, sans-serif',
    labelSize: 12,
    labelColor: { color: '#1d2733' },
    labelDensity: 0.6,
    labelGridCellSize: 90,
    labelRenderedSizeThreshold: 7,
    // Big views stay responsive while the camera moves.
    hideEdgesOnMove: edges > 20_000,
    hideLabelsOnMove: edges > 20_000,
    enableEdgeEvents: edges <= EDGE_EVENTS_LIMIT,
    stagePadding: 40,
    zIndex: true,
    minCameraRatio: 0.01,
    maxCameraRatio: 4,
  };
}
