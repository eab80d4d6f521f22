import { describe, expect, it } from 'vitest';
import { DevnetError } from './errors';
import { parseFlags } from './flags';

function failure(argv: string[]): DevnetError {
  try {
    parseFlags(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(DevnetError);
    return error as DevnetError;
  }
  throw new Error(`expected ${argv.join(' ')} to fail`);
}

describe('parseFlags', () => {
  it('gives the documented defaults and leaves nodes/threshold to the data dir', () => {
    expect(parseFlags([])).toEqual({
      port: 7470,
      rpcPort: 8545,
      dataDir: '.devnet',
      processes: false,
      blockIntervalSeconds: 12,
      rateLimit: false,
      help: false,
    });
  });

  it('reads every flag, in both --flag value and --flag=value forms', () => {
    expect(
      parseFlags([
        '--nodes',
        '5',
        '--threshold=3',
        '--port',
        '9000',
        '--rpc-port=9100',
        '--data-dir',
        '/tmp/x',
        '--processes',
        '--block-interval',
        '2',
        '--rate-limit',
      ]),
    ).toEqual({
      nodes: 5,
      threshold: 3,
      port: 9000,
      rpcPort: 9100,
      dataDir: '/tmp/x',
      processes: true,
      blockIntervalSeconds: 2,
      rateLimit: true,
      help: false,
    });
    expect(parseFlags(['-h']).help).toBe(true);
  });

  it('without --nodes leaves the threshold and port ranges to the data dir’s node count', () => {
    // A data dir made with --nodes 5 --threshold 4 is started with these (README: omit --nodes).
    expect(
      parseFlags(['--threshold', '4', '--port', '47470', '--rpc-port', '47474']),
    ).toMatchObject({ threshold: 4, port: 47470, rpcPort: 47474 });
    expect(parseFlags(['--threshold', '4'])).not.toHaveProperty('nodes');
  });

  it.each([
    [['--frobnicate'], 'unknown flag --frobnicate (see --help)'],
    [['-x'], 'unknown flag -x (see --help)'],
    [['extra'], 'unexpected argument "extra" (see --help)'],
    [['--nodes'], '--nodes needs a value'],
    [['--nodes', '--threshold', '2'], '--nodes needs a value'],
    [['--port', '-1'], '--port must be a whole number, got "-1"'],
    [['--nodes', '3', '--nodes', '4'], '--nodes is given more than once'],
    [['--processes=yes'], '--processes takes no value'],
    [['--rate-limit=on'], '--rate-limit takes no value'],
    [['--nodes', '3.5'], '--nodes must be a whole number, got "3.5"'],
    [['--nodes', '0x10'], '--nodes must be a whole number, got "0x10"'],
    [['--nodes', ''], '--nodes must be a whole number, got ""'],
    [['--nodes', '1'], '--nodes must be between 2 and 32, got 1'],
    [['--nodes', '256'], '--nodes must be between 2 and 32, got 256'],
    [['--threshold', '1'], '--threshold must be between 2 and 32, got 1'],
    [['--nodes', '3', '--threshold', '4'], '--threshold 4 is more than the 3 nodes'],
    [['--port', '0'], '--port must be between 1 and 65535, got 0'],
    [['--port', '70000'], '--port must be between 1 and 65535, got 70000'],
    [['--nodes', '3', '--port', '65534'], '--port 65534 leaves no room for 3 nodes (up to 65536)'],
    // Without --nodes only what fails for any network (2 nodes at least); the devnet checks the
    // rest with the data dir's count (network.test.ts).
    [['--port', '65535'], '--port 65535 leaves no room for even 2 nodes (up to 65536)'],
    [['--rpc-port', 'abc'], '--rpc-port must be a whole number, got "abc"'],
    [
      ['--nodes', '3', '--port', '8000', '--rpc-port', '8002'],
      '--rpc-port 8002 overlaps the node ports 8000-8002',
    ],
    [
      ['--port', '8000', '--rpc-port', '8001'],
      '--rpc-port 8001 overlaps the node ports 8000-… (8000-8001 even with 2 nodes)',
    ],
    [['--data-dir', ' '], '--data-dir must not be empty'],
    [['--block-interval', '0'], '--block-interval must be between 1 and 3600, got 0'],
    [['--block-interval', '1.5'], '--block-interval must be a whole number, got "1.5"'],
  ])('%j → %s', (argv, line) => {
    const error = failure(argv);
    expect(error.message).toBe(line);
    expect(error.message).not.toContain('\n');
    expect(error.exitCode).toBe(2);
  });
});
