import { describe, expect, it } from 'vitest';
import { parseStartFlags } from './start-flags';

describe('parseStartFlags', () => {
  it('defaults to the ports the extension expects and the .devnet folder', () => {
    expect(parseStartFlags([])).toEqual({
      help: false,
      headless: false,
      build: true,
      outDir: 'demo-output',
      dataDir: '.devnet',
      port: 7470,
      rpcPort: 8545,
      demoPort: 5180,
    });
  });

  it('takes every flag', () => {
    expect(
      parseStartFlags([
        '--headless',
        '--no-build',
        '--out',
        '/tmp/pictures',
        '--data-dir=/tmp/devnet',
        '--port',
        '17470',
        '--rpc-port',
        '18545',
        '--demo-port',
        '15180',
      ]),
    ).toEqual({
      help: false,
      headless: true,
      build: false,
      outDir: '/tmp/pictures',
      dataDir: '/tmp/devnet',
      port: 17470,
      rpcPort: 18545,
      demoPort: 15180,
    });
    expect(parseStartFlags(['-h']).help).toBe(true);
  });

  it('names the first mistake in one line', () => {
    const cases: [string[], string][] = [
      [['--verbose'], "Unknown option '--verbose'"],
      [['headless'], "Unexpected argument 'headless'"],
      [['--headless=yes'], "Option '--headless' does not take an argument"],
      [['--port'], "Option '--port <value>' argument missing"],
      [['--port', 'x'], '--port must be a port from 1 to 65535, got "x"'],
      [['--rpc-port', '70000'], '--rpc-port must be a port from 1 to 65535, got "70000"'],
      [['--port', '65534'], '--port 65534 leaves no room for 3 nodes'],
      [['--rpc-port', '7471'], '--rpc-port 7471 overlaps the node ports 7470-7472'],
      [['--demo-port', '8545'], "--demo-port 8545 overlaps the devnet's ports"],
      [['--data-dir', ''], '--data-dir needs a directory'],
      [['--out', 'x'], '--out goes with --headless'],
    ];
    for (const [argv, message] of cases) {
      expect(() => parseStartFlags(argv), argv.join(' ')).toThrow(message);
      try {
        parseStartFlags(argv);
      } catch (e) {
        expect((e as Error).message, argv.join(' ')).not.toContain('\n');
      }
    }
  });
});
