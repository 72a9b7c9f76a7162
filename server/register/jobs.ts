// Loads of FNS archives started from the API run as background jobs of the server process: the
// upload is answered at once (202 with the job's id), the browser polls the job's progress and may
// cancel it. Jobs live in this process's memory only — a restart forgets them (the load itself is
// recorded as an ImportRun and a Dataset, and a load cut off that way is completed by loading the
// archive again). One job at a time, under the import lease, which the job takes before it is
// answered, so a busy lease is a 409 to the upload rather than a failed job.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { recordAudit } from '../audit.js';
import type { Db } from '../db.js';
import { AppError } from '../errors.js';
import type { ImportLease } from '../import/lock.js';
import type { RegisterJob, RegisterProgress } from '../../core/schemas.js';
import { importRegister, refusalMessage, type RegisterOptions } from './index.js';
import { acquireRegisterLease } from './lease.js';

interface Job {
  state: RegisterJob;
  controller: AbortController;
  done: Promise<void>;
}

/** Finished jobs kept for their report (the newest). */
const KEEP_FINISHED = 20;

const jobs = new Map<string, Job>();

function snapshot(job: Job): RegisterJob {
  return structuredClone(job.state);
}

/** The job running now in this process, if any. */
export function activeJob(): RegisterJob | null {
  for (const job of jobs.values()) if (job.state.status === 'running') return snapshot(job);
  return null;
}

export function getJob(id: string): RegisterJob | null {
  const job = jobs.get(id);
  return job ? snapshot(job) : null;
}

/** Every job this process knows, newest first. */
export function listJobs(): RegisterJob[] {
  return [...jobs.values()].map(snapshot).sort((a, b) => b.startedAt - a.startedAt);
}

class RegisterJobRunningError extends AppError {
  constructor(job: RegisterJob) {
    super(409, 'import_running', `an FNS archive (${job.file}) is being loaded now by ${job.user}`, { jobId: job.id });
  }
}

function prune(): void {
  const finished = [...jobs.values()]
    .filter((j) => j.state.status !== 'running')
    .sort((a, b) => b.state.startedAt - a.state.startedAt);
  for (const job of finished.slice(KEEP_FINISHED)) jobs.delete(job.state.id);
}

interface StartJob {
  /** The archive. */
  path: string;
  /** A temporary file or folder (the upload's) the job removes when it ends or is refused, whatever happens. */
  remove?: string;
  /** The name shown (the upload's original name). */
  file: string;
  user: string;
  options: RegisterOptions;
}

/**
 * Starts a load in the background: refuses (409) while another runs here or holds the import lease
 * elsewhere (after the options' wait), and removes the file when it is refused too.
 */
export async function startJob(db: Db, start: StartJob): Promise<RegisterJob> {
  const { path, file, user, options } = start;
  const cleanup = () => (start.remove ? rm(start.remove, { recursive: true, force: true }) : Promise.resolve());
  let lease: ImportLease | null = null;
  try {
    const running = activeJob();
    if (running) throw new RegisterJobRunningError(running);
    if (!options.dryRun) lease = await acquireRegisterLease(db, { waitMs: options.waitMs });
  } catch (error) {
    await cleanup();
    throw error;
  }
  const controller = new AbortController();
  const state: RegisterJob = {
    id: randomUUID(),
    status: 'running',
    file,
    user,
    dryRun: !!options.dryRun,
    startedAt: Date.now(),
    finishedAt: null,
    cancelRequested: false,
    progress: null,
    report: null,
    error: null,
  };
  const job: Job = { state, controller, done: Promise.resolve() };
  jobs.set(state.id, job);
  job.done = (async () => {
    // The job's outcome is shown only once its lease is given back and its file removed, so that
    // whoever sees it ended may start the next load at once.
    const outcome: Pick<RegisterJob, 'status' | 'report' | 'error'> = { status: 'failed', report: null, error: null };
    try {
      const report = await importRegister(db, path, {
        ...options,
        name: file,
        user,
        signal: controller.signal,
        lease: lease ?? undefined,
        onProgress: (p: RegisterProgress) => {
          state.progress = p;
        },
      });
      outcome.report = report;
      outcome.status = report.status;
      if (report.error) outcome.error = { error: 'load_failed', message: report.error };
      if (!report.dryRun)
        await recordAudit(db, {
          user,
          action: 'import',
          target: report.runId,
          status: 0,
          counts: {
            enterprises: report.counts.enterprises,
            ties: report.counts.ties,
            setAside: report.setAsideCount,
            documents: report.counts.documents,
            files: 1,
          },
        }).catch(() => undefined);
    } catch (error) {
      outcome.status = controller.signal.aborted ? 'cancelled' : 'failed';
      const e = error as AppError;
      // An archive refused as a whole, in the user's language.
      const message = refusalMessage(error, options.lang ?? 'en', file);
      outcome.error = { error: e instanceof AppError ? e.code : 'load_failed', message };
    } finally {
      await lease?.release().catch(() => undefined);
      await cleanup().catch(() => undefined);
      Object.assign(state, outcome, { finishedAt: Date.now() });
      prune();
    }
  })();
  return snapshot(job);
}

/** Asks a running job to stop after the batch it is writing; its report says 'cancelled'. */
export function cancelJob(id: string): RegisterJob | null {
  const job = jobs.get(id);
  if (!job) return null;
  if (job.state.status === 'running' && !job.state.cancelRequested) {
    job.state.cancelRequested = true;
    job.controller.abort();
  }
  return snapshot(job);
}

/** Cancels every running job and waits for them (a server closing). */
export async function stopAllJobs(): Promise<void> {
  const running = [...jobs.values()].filter((j) => j.state.status === 'running');
  for (const job of running) job.controller.abort();
  await Promise.all(running.map((j) => j.done));
}
