// A solving worker instantiates HiGHS from the module its pool handed it (core/jobs/pool.ts), so the
// threads of a process share one compiled, already optimised HiGHS instead of each compiling its own.
import { workerData } from 'piscina';
import { adoptCompiledHighs } from '../core/solver/backends';
import type { PoolWorkerData } from './tasks';

const data = workerData as Partial<PoolWorkerData> | undefined;
if (data?.highs instanceof WebAssembly.Module) adoptCompiledHighs(data.highs);
