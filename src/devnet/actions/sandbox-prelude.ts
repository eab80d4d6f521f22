// The JavaScript that runs inside QuickJS before the action: it builds `console`, the frozen
// `Lit` global and the jsParams globals from a few host functions that it keeps to itself.

/**
 * Evaluates to `function (host, authJson, paramsJson, hostNames, caps)`. `host` holds native
 * functions: `log(text)`, `setResponse(text)` (returns an error message or undefined) and
 * `call(name, argsJson)` (returns a promise of JSON text, or an error message when refused).
 * `caps` holds size limits in UTF-8 bytes, checked here first (a string has at least as many
 * bytes as characters) so an oversized string is never copied out of the sandbox.
 * Builtins are captured first, so an action that replaces `JSON` or `Object` only breaks itself.
 */
export const PRELUDE_SOURCE = String.raw`(function (host, authJson, paramsJson, hostNames, caps) {
  'use strict';
  const G = globalThis;
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const freeze = Object.freeze;
  const isFrozen = Object.isFrozen;
  const defineProperty = Object.defineProperty;
  const keys = Object.keys;
  const Err = Error;
  const TypeErr = TypeError;
  const Str = String;
  const log = host.log;
  const setResponse = host.setResponse;
  const call = host.call;

  function format(value) {
    if (typeof value === 'string') return value;
    try {
      if (value instanceof Err) {
        const head = Str(value.name) + ': ' + Str(value.message);
        return typeof value.stack === 'string' && value.stack ? head + '\n' + value.stack : head;
      }
      if (typeof value === 'function') return '[Function: ' + (value.name || '(anonymous)') + ']';
      if (typeof value === 'object' && value !== null) {
        const json = stringify(value);
        if (typeof json === 'string') return json;
      }
      return typeof value === 'bigint' ? Str(value) + 'n' : Str(value);
    } catch (_) {
      return '[unprintable ' + typeof value + ']';
    }
  }

  // Log lines printed while a runOnce leader runs its function, to hand to the other nodes: at
  // most caps.logBytes characters, as no node keeps more of its logs than that (more would only
  // make the message to the other nodes too large to send). Past it, a last line
  // '[logs truncated]' makes each follower's log buffer overflow where the leader's did.
  const captures = [];
  function capture(c, line) {
    if (c.full) return;
    const separator = c.lines.length > 0 ? 1 : 0;
    if (c.size + separator + line.length <= caps.logBytes) {
      c.lines.push(line);
      c.size += separator + line.length;
      return;
    }
    const room = caps.logBytes - c.size - separator;
    if (room > 0) c.lines.push(line.slice(0, room));
    c.lines.push('[logs truncated]');
    c.full = true;
  }
  function logger() {
    return function () {
      let line = '';
      for (let i = 0; i < arguments.length; i++) line += (i ? ' ' : '') + format(arguments[i]);
      if (line.length > caps.logBytes) line = line.slice(0, caps.logBytes);
      for (let i = 0; i < captures.length; i++) capture(captures[i], line);
      log(line);
    };
  }
  const console = {
    log: logger(),
    info: logger(),
    warn: logger(),
    error: logger(),
    debug: logger(),
  };
  defineProperty(G, 'console', { value: console, writable: true, configurable: true });

  function deepFreeze(value) {
    if (typeof value === 'object' && value !== null && !isFrozen(value)) {
      freeze(value);
      const ks = keys(value);
      for (let i = 0; i < ks.length; i++) deepFreeze(value[ks[i]]);
    }
    return value;
  }

  const actions = {
    setResponse(options) {
      // Destructuring, as Lit's own setResponse does: no argument is a TypeError.
      const { response } = options;
      const text = typeof response === 'string' ? response : stringify(response);
      if (typeof text !== 'string') {
        throw new TypeErr('Lit.Actions.setResponse: response must be a string or a JSON value');
      }
      const problem =
        text.length > caps.responseBytes
          ? 'Lit.Actions.setResponse: the response is over the limit of ' + caps.responseBytes + ' bytes'
          : setResponse(text);
      if (problem !== undefined) throw new Err(problem);
    },
  };
  // runOnce's steps; the host refuses an argument over its size limit with a message.
  async function invoke(name, args) {
    const pending = call(name, stringify(args));
    if (typeof pending === 'string') throw new Err(pending);
    const text = await pending;
    return text === undefined ? undefined : parse(text);
  }

  // Lit's runOnce: the leader runs fn and shares its result; the others wait for it. A function
  // cannot cross into the node, so the node's runOnce host function serves its three steps.
  async function runOnce(config, fn) {
    const { waitForResponse, name } = config;
    const id = name || 'default_bc_id';
    const role = await invoke('runOnce', { op: 'role' });
    if (role.leader) {
      const captured = { lines: [], size: 0, full: false };
      captures.push(captured);
      let response = '';
      try {
        try {
          response = await fn();
        } catch (e) {
          console.error('Error running function:', e);
          response = '[ERROR]';
        }
        try {
          response = response.toString();
        } catch (e) {
          console.error('Error converting response to string:', e);
          response = '';
        }
      } finally {
        captures.splice(captures.indexOf(captured), 1);
      }
      if (waitForResponse) {
        try {
          await invoke('runOnce', {
            op: 'publish',
            name: id,
            response: response,
            logs: captured.lines,
          });
        } catch (e) {
          // The others wait for this result: tell them it is not coming (best effort), so they
          // fail now rather than at their time limit; then fail here too.
          try {
            const reason = Str(e.message).slice(0, 1000);
            await invoke('runOnce', { op: 'abandon', name: id, reason: reason });
          } catch (_) {}
          throw e;
        }
      }
      return response;
    }
    if (!waitForResponse) return undefined;
    const result = await invoke('runOnce', { op: 'collect', name: id });
    // The leader's lines join this node's logs where its result arrives: all nodes log alike.
    for (let i = 0; i < result.logs.length; i++) log(result.logs[i]);
    return result.response;
  }

  for (let i = 0; i < hostNames.length; i++) {
    const name = hostNames[i];
    if (name === 'runOnce') {
      actions.runOnce = runOnce;
      continue;
    }
    // A method definition, so the function is named after the operation (and in stacks).
    actions[name] = {
      async [name](args) {
        const json = args === undefined ? undefined : stringify(args);
        if (typeof json === 'string' && json.length > caps.argsBytes) {
          throw new Err('Lit.Actions.' + name + ': the argument is over ' + caps.argsBytes + ' bytes of JSON');
        }
        const pending = call(name, json);
        if (typeof pending === 'string') throw new Err(pending);
        const text = await pending;
        return text === undefined ? undefined : parse(text);
      },
    }[name];
  }

  const Actions = freeze(actions);
  const Auth = deepFreeze(parse(authJson));
  const Lit = freeze({ Actions: Actions, Auth: Auth });
  // LitActions and LitAuth are the names older Lit Actions use.
  const fixed = [['Lit', Lit], ['LitActions', Actions], ['LitAuth', Auth]];
  for (let i = 0; i < fixed.length; i++) {
    defineProperty(G, fixed[i][0], { value: fixed[i][1], writable: false, configurable: false });
  }

  const params = parse(paramsJson);
  const names = keys(params);
  for (let i = 0; i < names.length; i++) {
    defineProperty(G, names[i], {
      value: params[names[i]],
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }
})`;
