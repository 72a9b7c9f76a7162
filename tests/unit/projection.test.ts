import { describe, expect, it } from 'vitest';
import { project, unwrapLongitude } from '../../core/graph/projection.js';

describe('map projection of regions', () => {
  const komi = project(61.67, 50.84);
  const karelia = project(61.78, 34.35);
  const nenets = project(67.64, 53.01);
  const kaliningrad = project(54.71, 20.51);

  it('keeps east to the right and north up', () => {
    expect(komi.x).toBeGreaterThan(karelia.x);
    expect(nenets.y).toBeGreaterThan(komi.y);
    expect(kaliningrad.x).toBeLessThan(karelia.x);
  });

  it('puts points west of 180° (Chukotka) at the far east, not the far west', () => {
    expect(unwrapLongitude(-170)).toBe(190);
    expect(unwrapLongitude(50)).toBe(50);
    const chukotkaWest = project(66, -170);
    const anadyr = project(64.73, 177.51);
    expect(chukotkaWest.x).toBeGreaterThan(anadyr.x);
    expect(chukotkaWest.x).toBeGreaterThan(kaliningrad.x);
  });

  it('measures roughly in kilometres (Syktyvkar–Petrozavodsk is about 870 km)', () => {
    expect(Math.hypot(komi.x - karelia.x, komi.y - karelia.y)).toBeGreaterThan(800);
    expect(Math.hypot(komi.x - karelia.x, komi.y - karelia.y)).toBeLessThan(950);
  });
});
