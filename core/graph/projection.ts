// Places regions on a plane from latitude and longitude: a Lambert conformal conic projection
// fitted to Russia (standard parallels 52°N and 64°N, central meridian 100°E, origin 60°N), the
// projection Russian small-scale maps commonly use. Units are kilometres from the origin; y grows
// to the north (sigma draws larger y higher up, so north is up on screen).
const R = 6371;
const rad = (deg: number) => (deg * Math.PI) / 180;
const PHI1 = rad(52);
const PHI2 = rad(64);
const PHI0 = rad(60);
const LAMBDA0 = rad(100);
const t = (phi: number) => Math.tan(Math.PI / 4 + phi / 2);
const N = Math.log(Math.cos(PHI1) / Math.cos(PHI2)) / Math.log(t(PHI2) / t(PHI1));
const F = (Math.cos(PHI1) * t(PHI1) ** N) / N;
const RHO0 = (R * F) / t(PHI0) ** N;

/**
 * Longitudes west of Greenwich belong east of the 180° meridian here (Chukotka reaches −169°):
 * take them as lon + 360 so they do not wrap to the far left.
 */
export function unwrapLongitude(lon: number): number {
  return lon < 0 ? lon + 360 : lon;
}

export function project(lat: number, lon: number): { x: number; y: number } {
  const rho = (R * F) / t(rad(lat)) ** N;
  const theta = N * (rad(unwrapLongitude(lon)) - LAMBDA0);
  return { x: rho * Math.sin(theta), y: RHO0 - rho * Math.cos(theta) };
}
