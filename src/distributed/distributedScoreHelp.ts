import { QUEUE_PASSWORD_FILE_HELP } from './queueAddressOfArgs.js';

/** Help lines `creditlift score --help` shows for the distributed mode. */
export const DISTRIBUTED_SCORE_HELP = `Distributed (any number of "creditlift worker" processes on any hosts decide; this process
reads the input, enqueues it in chunks on BullMQ and writes the output, the same lines in the same
order as without --queue):
  --queue redis://HOST:PORT/DB  Redis of the queue (rediss:// for TLS)
${QUEUE_PASSWORD_FILE_HELP}.
                             Also with --resume or --overwrite of a --queue run's output,
                             without --queue: its Redis's password, to remove that run's keys;
                             of any other output a note says it was not used
  --job NAME                 the run's name: chunk k is BullMQ job NAME@RUN-ck (RUN: the run's id,
                             in OUT.run.json); --resume finds it again. One run per name: another
                             run's job is refused, and --overwrite takes over only a job whose
                             producer has stopped (not renewing its claim for 15 s)
  --window N                 chunks enqueued ahead of the output (default 64; keep it at least twice
                             the workers' total --workers)
  --redis-timeout S          give up (exit 1, resumable) after Redis has not answered for S seconds
                             (default 30)
  --job-ttl S                every key the job writes in Redis (the applicants' records, their
                             decisions) expires S seconds after this process last renewed it
                             (default 600): a killed producer's job leaves Redis by itself, and
                             workers drop its chunks undecided. --resume without --queue, or
                             --overwrite, removes the job's keys at once
  --worker-wait S            say so on stderr when no worker has taken a chunk of the run for S
                             seconds (default 60), and keep waiting
  Workers take the chunks only when started with this run's model, policy, catalog, --features
  and key files (each configuration has a queue of its own on the Redis). A record that kills a worker's
  process costs only itself (a worker_failed line, exit 4, as with --workers). A chunk that fails
  for good (failing 3 times) is reported with its line range; everything else is written and the
  run exits 1: rerun with --resume to retry it.`;
