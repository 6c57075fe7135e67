import { describe, expect, it } from 'vitest';
import { DirectionalLight, Group, Mesh, PointLight, Scene } from 'three';
import { INSIDE_BODY, RoomLighting } from '../../../src/views/LaparoscopeLight.tsx';

function room() {
  const scene = new Scene();
  const key = new DirectionalLight('#fff', 3);
  const shelf = new Group();
  const lamp = new PointLight('#fff', 2);
  shelf.add(lamp);
  const cavity = new Mesh();
  cavity.userData[INSIDE_BODY] = true;
  cavity.visible = false;
  scene.add(key, shelf, cavity);
  return { scene, key, shelf, lamp, cavity };
}

describe('RoomLighting', () => {
  it('turns the room off and back on, walking the scene once while it stays the same', () => {
    const { scene, key, lamp, cavity } = room();
    const lighting = new RoomLighting();
    for (let frame = 0; frame < 5; frame++) {
      lighting.leave(scene);
      expect([key.intensity, lamp.intensity, cavity.visible]).toEqual([0, 0, true]);
      lighting.restore(scene);
      expect([key.intensity, lamp.intensity, cavity.visible]).toEqual([3, 2, false]);
    }
    expect(lighting.walks).toBe(1);
  });

  it('walks it again after a light is added deep in the scene, or one is removed', () => {
    const { scene, shelf, lamp } = room();
    const lighting = new RoomLighting();
    lighting.leave(scene);
    lighting.restore(scene);
    const added = new PointLight('#fff', 5);
    shelf.add(added);
    lighting.leave(scene);
    expect(added.intensity).toBe(0);
    lighting.restore(scene);
    expect(added.intensity).toBe(5);
    expect(lighting.walks).toBe(2);

    shelf.remove(lamp);
    lamp.intensity = 7;
    lighting.leave(scene);
    // No longer in the room: left alone.
    expect(lamp.intensity).toBe(7);
    lighting.restore(scene);
    expect(lighting.walks).toBe(3);
  });
});
