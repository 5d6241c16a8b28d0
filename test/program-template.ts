// Program files the tests start from, made once per test process. Generating a demo program and
// writing it into a new file (every migration, then the data: about 130 fsyncs) costs about half a
// CPU second and a second or more of a worker's time, and most integration files start from one of a
// few programs. Templates are keyed by the data and actor written, so an edited program is a template
// of its own; they are kept per process, not per run, because the audit entries in a file are sealed
// with this process's audit key (test/setup-env.ts), which the other test process does not have.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type GenerateOptions, generateProgram } from '../core/demo/generate';
import type { ProgramData } from '../core/domain/program';
import { openProgram, writeProgramData } from '../core/services/program';

const generated = new Map<string, ProgramData>();
const templates = new Map<string, Promise<string>>();
let folder: string | undefined;

/** The demo generator's program for `options`, generated once per process; a copy the caller may change. */
export function demoProgram(options: GenerateOptions): ProgramData {
  const key = JSON.stringify(options);
  let data = generated.get(key);
  if (!data) {
    data = generateProgram(options);
    generated.set(key, data);
  }
  return structuredClone(data);
}

/** A new program file at `file` holding `data`, as `writeProgramData(program, data, actor)` writes it. */
export async function writeProgramFile(file: string, data: ProgramData, actor?: string): Promise<void> {
  const key = createHash('sha256')
    .update(JSON.stringify([data, actor ?? null]))
    .digest('hex');
  let template = templates.get(key);
  if (!template) {
    template = makeTemplate(key, data, actor);
    templates.set(key, template);
    // A failed write is not kept: the next caller tries again and sees the error itself.
    template.catch(() => templates.delete(key));
  }
  fs.copyFileSync(await template, file);
}

async function makeTemplate(key: string, data: ProgramData, actor: string | undefined): Promise<string> {
  if (!folder) {
    const made = fs.mkdtempSync(path.join(os.tmpdir(), 'program-templates-'));
    process.on('exit', () => fs.rmSync(made, { recursive: true, force: true }));
    folder = made;
  }
  const file = path.join(folder, `${key}.sqlite`);
  const program = await openProgram(file, { create: true });
  try {
    await writeProgramData(program, data, actor);
  } finally {
    await program.close();
  }
  return file;
}
