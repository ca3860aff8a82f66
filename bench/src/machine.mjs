// The machine a run measured, printed above the table: the figures mean little without it.
import { availableParallelism, cpus, platform, release, totalmem } from 'node:os';

export function describeMachine() {
  const model = cpus()[0]?.model?.trim() || 'unknown CPU';
  const memoryGiB = (totalmem() / 2 ** 30).toFixed(1);
  return [
    `${availableParallelism()} cores (${model})`,
    `${memoryGiB} GiB memory`,
    `${platform()} ${release()}`,
    `Node ${process.version}`,
  ].join(', ');
}
