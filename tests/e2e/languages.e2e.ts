/**
 * A second language end to end: a browser set to Spanish gets the app in Spanish, does an attempt and reads its
 * debrief in Spanish (docs/images/debrief-es.png); switching to English in the settings is remembered.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { browserForSuite } from './support/browser.ts';
import { waitForTicks } from './support/app.ts';

const DOCS_IMAGES = join(import.meta.dirname, '../../docs/images');

describe('languages', () => {
  const b = browserForSuite({ width: 1100, height: 900 }, { locale: 'es-ES' });

  it('opens in the browser’s language', async () => {
    await b.page.goto(inject('baseUrl'));
    await b.page.getByRole('heading', { name: 'Procedimientos' }).waitFor();
    await expect(b.page.locator('html').getAttribute('lang')).resolves.toBe('es');
    await b.page.getByRole('option', { name: /Transferencia de pivotes FLS/ }).waitFor();
  });

  it('runs an attempt with the step panel in Spanish and debriefs it in Spanish', async () => {
    await b.page.getByRole('textbox', { name: 'Nombre del nuevo alumno' }).fill('Lucía');
    await b.page.getByRole('button', { name: 'Añadir alumno' }).click();
    await b.page.getByRole('option', { name: /Transferencia de pivotes FLS/ }).click();
    await b.page.getByRole('radio', { name: /Aprender/ }).check({ force: true });
    await b.page.getByRole('button', { name: 'Empezar en este ordenador' }).click();
    // The case card, from the protocol's Spanish translation, with its parts named in Spanish.
    await expect(b.page.getByRole('dialog').innerText()).resolves.toMatch(/La tarea[\s\S]*Tarea[\s\S]*destreza bimanual[\s\S]*Preparación[\s\S]*Seis objetos/);
    await b.page.getByRole('button', { name: 'Empezar el intento' }).click();
    await waitForTicks(b.page, 20);
    // The session overlay and the controls legend.
    await b.page.getByRole('region', { name: 'Intento' }).getByRole('button', { name: 'Terminar (F)' }).waitFor();
    await b.page
      .getByRole('complementary', { name: 'Controles' })
      .getByRole('button', { name: /^Tecla para pausa: P\. Cambiar$/ })
      .waitFor();
    await expect(b.page.locator('.step-panel').innerText()).resolves.toMatch(/Paso 1 de 2[\s\S]*Pasar los seis al otro lado/i);
    const box = (await b.page.locator('canvas').first().boundingBox())!;
    for (const [dx, dy] of [
      [-150, 0],
      [120, 40],
      [0, -60],
    ] as const) {
      await b.page.mouse.move(box.x + box.width / 2 + dx, box.y + box.height / 2 + dy, { steps: 4 });
      await waitForTicks(b.page, 6);
    }
    await b.page.keyboard.press('f');
    await b.page.locator('main.debrief[data-saved="yes"]').waitFor();
    await b.page.locator('.debrief .chart canvas').first().waitFor();
    const debrief = b.page.locator('main.debrief');
    await expect(debrief.locator('h1').innerText()).resolves.toBe('Transferencia de pivotes FLS');
    await expect(debrief.locator('.outcome').innerText()).resolves.toMatch(/incompleto · no aprobado · puntuación/i);
    await debrief.getByRole('heading', { name: 'Cronología' }).waitFor();
    await expect(debrief.locator('.steps').innerText()).resolves.toMatch(/Pasar los seis al otro lado[\s\S]*Devolver los seis/);
    writeFileSync(join(DOCS_IMAGES, 'debrief-es.png'), await b.page.screenshot({ fullPage: true, type: 'png' }));
  });

  it('keeps the learner’s choice of English over the browser’s Spanish', async () => {
    await b.page.getByRole('button', { name: 'Volver a los procedimientos' }).click();
    await b.page.getByRole('button', { name: 'Ajustes' }).click();
    await b.page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
    await b.page.getByRole('heading', { name: 'Settings' }).waitFor();
    await b.page.getByRole('button', { name: 'Cancel' }).click();
    await b.page.reload();
    await b.page.getByRole('heading', { name: 'Procedures' }).waitFor();
    await expect(b.page.locator('html').getAttribute('lang')).resolves.toBe('en');
  });
});
