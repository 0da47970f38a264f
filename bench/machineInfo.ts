import { availableParallelism, cpus, totalmem } from 'node:os';

/** The machine a run came from, as RESULTS.md records it. */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly onnxruntime: string;
  readonly platform: string;
}

/** Reads {@link MachineInfo} from `os` and the process. */
export function machineInfo(onnxruntimeVersion: string): MachineInfo {
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    onnxruntime: onnxruntimeVersion,
    platform: `${process.platform} ${process.arch}`,
  };
}
