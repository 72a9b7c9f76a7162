// How the basemap looks: a pale fill and a thin outline, quiet beside the data drawn over them
// (the legends show the same colours).
export const BASEMAP_FILL = '#eceee6';
export const BASEMAP_STROKE = '#b9beb0';
/** Outline width in CSS pixels, whatever the zoom. */
export const BASEMAP_STROKE_PX = 0.8;
