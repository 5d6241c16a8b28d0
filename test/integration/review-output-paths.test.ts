// Review files, responses and review printouts are written where exports may write (issue 15, the
// boundary): a full path, into a folder that exists, never over the open program file. They used
// to be written wherever the path pointed: a relative path landed in the app's working folder (a
// fuzzed person id left files named res-01 in the checkout) and the program file could be replaced.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftSummary } from '../../core/api/contract';
import { signedInCoreOn, value } from '../test-core';
import { makeProgram } from '../unit/exports-fixture';

let on: Awaited<ReturnType<typeof signedInCoreOn>>;
let draftId: number;
let reviewFile: string;

beforeAll(async () => {
  on = await signedInCoreOn('review-paths-', makeProgram());
  draftId = value<DraftSummary>(await on.core.dispatch('drafts.create', { name: 'Review paths' })).id;
  reviewFile = path.join(on.dir, 'Review paths.rsreview');
  value(await on.core.dispatch('reviews.export', { draftId, path: reviewFile }));
});
afterAll(async () => on?.close());

const respond = (out: string) => ({
  reviewPath: reviewFile,
  path: out,
  decision: 'approve',
  by: 'Dr. Director',
  reason: '',
  comments: [],
});

describe('a review, a response or a review printout', () => {
  it('is not written over the open program file, which stays intact', async () => {
    const before = fs.readFileSync(on.file);
    for (const [method, payload] of [
      ['reviews.export', { draftId, path: on.file }],
      ['reviews.respond', respond(on.file)],
      ['reviews.respond', respond(`${on.file}-wal`)],
    ] as const) {
      const refused = await on.core.dispatch(method, payload);
      expect(refused, method).toMatchObject({ ok: false, error: { code: 'rejected' } });
      if (!refused.ok) expect(refused.error.message, method).toContain('is the open program file');
    }
    expect(fs.readFileSync(on.file).equals(before)).toBe(true);
  });

  it('needs a full path, and says so; nothing is written in the working folder', async () => {
    const relative = 'res-01';
    for (const [method, payload] of [
      ['reviews.export', { draftId, path: relative }],
      ['reviews.respond', respond(relative)],
      ['reviews.pdf', { reviewPath: reviewFile, path: `${relative}.pdf` }],
    ] as const) {
      const refused = await on.core.dispatch(method, payload);
      expect(refused, method).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', message: expect.stringMatching(/^"res-01(\.pdf)?" is not a full path/) },
      });
    }
    expect(fs.existsSync(path.resolve(relative))).toBe(false);
    expect(fs.existsSync(path.resolve(`${relative}.pdf`))).toBe(false);
  });

  it('goes into a folder that exists, or is refused with the folder named', async () => {
    const missing = path.join(on.dir, 'no', 'such');
    const refused = await on.core.dispatch('reviews.pdf', {
      reviewPath: reviewFile,
      path: path.join(missing, 'review.pdf'),
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'rejected', message: expect.stringContaining(`The folder ${missing} does not exist`) },
    });
    const written = value<{ path: string; pages: number }>(
      await on.core.dispatch('reviews.pdf', { reviewPath: reviewFile, path: path.join(on.dir, 'review.pdf') }),
    );
    expect(written.pages).toBeGreaterThan(0);
    expect(fs.existsSync(written.path)).toBe(true);
  });
});
