import type { AppConfig, AppError, Flow, Recorder, Report, Step } from '../flows/contract.js';

/** Runs a flow and reports the calls it made and, if it failed, where and how. Never throws. */
export async function runFlow(flow: Flow, config: AppConfig): Promise<Report> {
  const steps: Step[] = [];
  let current: string | undefined;
  const record: Recorder = async (call, answer, summary) => {
    current = call;
    const value = await answer;
    steps.push({ call, answer: summary(value) });
    current = undefined;
    return value;
  };
  try {
    await flow(config, record);
    return { ok: true, steps };
  } catch (error) {
    return { ok: false, steps, error: appError(error, current) };
  }
}

/** The error as JSON: class, message, status, the call it came from, the top of its stack. */
function appError(error: unknown, call: string | undefined): AppError {
  const where = call === undefined ? {} : { call };
  if (!(error instanceof Error)) return { name: 'thrown value', message: String(error), ...where };
  const { status } = error as { status?: unknown };
  return {
    name: error.name,
    message: error.message,
    ...where,
    ...(typeof status === 'number' ? { status } : {}),
    ...(error.stack ? { stack: error.stack.split('\n').slice(0, 6).join('\n') } : {}),
  };
}

/** A fetch handler serving a flow: the request's body is its config, the answer its report. */
export function flowHandler(flow: Flow): (request: Request) => Promise<Response> {
  return async (request) => Response.json(await runFlow(flow, await request.json()));
}

/** What a runtime that serves a flow prints once it listens, then the port (the Node side waits). */
export const LISTENING_PREFIX = 'telcopay app listening on port ';

export function listeningLine(port: number): string {
  return `${LISTENING_PREFIX}${port}`;
}
