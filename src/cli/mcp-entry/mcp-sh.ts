// The POSIX sh front of `baton mcp` (dist/mcp.sh, written by the build): what `baton install`
// registers as Baton's MCP server, `/bin/sh <dist>/mcp.sh <home> <node> <bin/baton.js> mcp …`.
// An agent starts the server with every session and waits for its first answers; on a small
// machine a Node start (~100 ms of CPU) is taken from the agent, so the shell answers what it can
// be sure of and starts Node (the small Node entry, mcp-entry.ts) only at the first message it
// does not answer:
// - the requests the Node front answers from the listing (`initialize`, `notifications/initialized`,
//   LISTED_REQUESTS), but only in the exact shapes the genuine clients send (Claude Code, Codex and
//   Gemini CLI, captured from them: the keys in their order, the holes an id, a version string, the
//   client's name strings, one of the capability objects they send), with no backslash and no
//   control character in the line — any other line is Node's. So a line answered here is valid
//   JSON whose members are exactly those, and the reply is the Node front's, byte for byte
//   (the build writes it from the listing with JSON.stringify, as the front does);
// - a `tools/call` of the hook tool (Claude Code's `mcp_tool` hook handlers): the whole line is
//   written to the spool with a `"from":"sh-mcp"` header, the way the shell hook commands write
//   theirs (capture/install/spool-command.ts), and the drain turns it into the payload the Node
//   front spools (`payloadFromHookCall`); a turn's or subagent's end starts the spool's worker
//   where the Node front would, but as the hook commands' `exit` form (spool-command.ts): it drains
//   once the agent (the shell's parent) has exited or after BATON_EXIT_WAIT seconds, so at the end
//   of `claude -p` no Node start competes with the agent's own exit. It is written before the answer (the Node front answers first): if the
//   write fails, Node gets the line and does what it does.
// The shell reads with `IFS= read -r`, which on a pipe or socket reads one byte at a time, so at the
// hand-over the next byte of stdin is exactly the next message: Node is `exec`ed in this process
// with BATON_MCP_FRONT="<replayed lines> <last line had no newline: 0|1>" and, on fd 3, the
// `initialize` and `initialized` lines already answered (the Node front replays them to the full
// server and drops its reply) and then the line it did not answer. Reading byte by byte costs the
// shell about 1.3 ms of CPU per KB: a line longer than SH_LINE_BYTES, or more than SH_TOTAL_BYTES
// read in all, goes to Node, which then serves the rest. Arguments other than `--session` go to Node at once, as with the Node entry.
import {
  HOOK_TABLES,
  SPOOL_SUFFIX,
  WORKER_LOCK,
  backgroundFor,
  exitWorkerStart,
  isSpooledEvent,
} from '../../capture/index.js';
import type { McpListing } from './listing.js';

/**
 * A longer line is handed to Node (after the shell has read it), and so is the line that brings
 * what the shell has read past SH_TOTAL_BYTES: the shell pays about 1.3 ms of CPU per KB read, a
 * Node start about 100 ms once, after which each line costs Node next to nothing. A one-prompt
 * session stays in the shell; a session of large tool results moves to Node early.
 */
export const SH_LINE_BYTES = 16 * 1024;
export const SH_TOTAL_BYTES = 64 * 1024;

/** The variable telling the Node entry that the shell front handed over (and what is on fd 3). */
export const HANDOVER_ENV = 'BATON_MCP_FRONT';

/**
 * `capabilities` of `initialize` as the genuine clients send them (Claude Code 2.1.332 and 2.1.197,
 * Codex 0.171, Gemini CLI 0.61) and an empty one: others go to Node.
 */
export const KNOWN_CAPABILITIES = [
  '{}',
  '{"roots":{"listChanged":true},"elicitation":{"form":{},"url":{}}}',
  '{"roots":{},"elicitation":{}}',
  '{"experimental":{"codex/auth-change":{}},"elicitation":{"form":{},"url":{}}}',
  '{"roots":{"listChanged":true}}',
];

const q = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/** JSON.stringify's text of `value` split where the strings `holes` were, as shell words. */
function template(value: unknown, holes: Record<string, string>): string {
  let text = JSON.stringify(value);
  const parts: string[] = [];
  for (;;) {
    let at = -1;
    let hole = '';
    for (const h of Object.keys(holes)) {
      const i = text.indexOf(JSON.stringify(h));
      if (i >= 0 && (at < 0 || i < at)) [at, hole] = [i, h];
    }
    if (at < 0) break;
    parts.push(q(text.slice(0, at)), holes[hole]!);
    text = text.slice(at + JSON.stringify(hole).length);
  }
  parts.push(q(text));
  return parts.join('');
}

const ID = 'B4T0N_ID';
const PV = 'B4T0N_PV';

/** The events of Claude Code's hook tool the shell spools, and those after which it starts a worker. */
function hookEvents(): { spooled: string[]; worker: string[] } {
  const events = HOOK_TABLES['claude-code']!.map((e) => e.event);
  return {
    spooled: events.filter((e) => isSpooledEvent('claude-code', e)),
    // A background event with no reply, skip, note or brief: spooled, then a worker started.
    worker: events.filter((e) => {
      const b = backgroundFor('claude-code', e);
      return b && !b.reply && !b.skip && !b.note && !b.brief;
    }),
  };
}

/** The text of dist/mcp.sh. */
export function mcpShellScript(listing: McpListing): string {
  const { spooled, worker } = hookEvents();
  const listed = Object.keys(listing.replies);
  const reply = (method: string) =>
    template({ jsonrpc: '2.0', id: ID, ...listing.replies[method] }, { [ID]: '"$b_id"' });
  const initReply = template(
    { result: { protocolVersion: PV, ...listing.initialize }, jsonrpc: '2.0', id: ID },
    { [ID]: '"$b_id"', [PV]: '"\\"$b_pv\\""' },
  );
  const hookReply = template(
    { result: { content: [] }, jsonrpc: '2.0', id: ID },
    { [ID]: '"$b_id"' },
  );
  const hookPrefix =
    '{"method":"tools/call","params":{"name":"hook_event","arguments":{"hook_event_name":"';
  const hookSuffix = '"}},"jsonrpc":"2.0","id":';
  const strip = (prefix: string) => `b_r=\${b_r#${q(prefix)}}`;
  const lines = [
    '# Baton: the POSIX sh front of `baton mcp`, written by the build (src/cli/mcp-entry/mcp-sh.ts).',
    '# sh mcp.sh HOME NODE BATON_JS mcp [--session ID]',
    'b_home=$1; shift',
    // Only `<node> <baton.js> mcp` with --session options stays here (as with the Node entry).
    '[ $# -ge 3 ] && [ "$3" = mcp ] || exec "$@"',
    'b_k=0; b_v=; b_plain=1',
    'for b_w do b_k=$((b_k+1)); [ $b_k -le 3 ] && continue',
    '  if [ -n "$b_v" ]; then b_v=; continue; fi',
    '  case $b_w in --session=*) ;; --session) b_v=1;; *) b_plain=;; esac',
    'done',
    '[ -z "$b_v" ] && [ -n "$b_plain" ] || exec "$@"',
    'b_node=$1; b_js=$2',
    // Baton's home as the Node entry resolves it: BATON_HOME when not blank, else the install's.
    'case ${BATON_HOME:-} in *[![:space:]]*) b_home=$BATON_HOME;; esac',
    'b_spool=1; [ "${BATON_HOOK_SPOOL:-}" = 0 ] && b_spool=',
    'b_bg=1; [ "${BATON_HOOK_BACKGROUND:-}" = 0 ] && b_bg=',
    'b_replay=; b_n=0; b_inid=; b_c=0; b_um=; b_last=0; b_read=0',
    // An id the Node front echoes byte for byte: an integer JSON.stringify writes back as sent,
    // or a string of plain characters.
    'b_int() { case $b_y in 0) ;; [1-9]*) case $b_y in *[!0-9]*) return 1;; esac; [ ${#b_y} -le 15 ];; *) return 1;; esac; }',
    'b_idok() {',
    '  case $b_id in',
    "    '\"'*'\"') b_y=${b_id#?}; b_y=${b_y%?}; case $b_y in *[!A-Za-z0-9_.:-]*) return 1;; esac; [ ${#b_y} -le 64 ];;",
    '    *) b_y=$b_id; b_int;;',
    '  esac; }',
    // A string value at the start of $b_r (its opening quote already taken): up to the next quote.
    `b_str() { case $b_r in *'"'*) b_r=\${b_r#*'"'};; *) return 1;; esac; }`,
    // clientInfo as the clients send it: name, [title], version, [description], [websiteUrl].
    'b_client() {',
    `  case $b_r in '{"name":"'*) ${strip('{"name":"')};; *) return 1;; esac; b_str || return 1`,
    `  case $b_r in ',"title":"'*) ${strip(',"title":"')}; b_str || return 1;; esac`,
    `  case $b_r in ',"version":"'*) ${strip(',"version":"')}; b_str || return 1;; *) return 1;; esac`,
    `  case $b_r in ',"description":"'*) ${strip(',"description":"')}; b_str || return 1;; esac`,
    `  case $b_r in ',"websiteUrl":"'*) ${strip(',"websiteUrl":"')}; b_str || return 1;; esac`,
    `  case $b_r in '}'*) b_r=\${b_r#?};; *) return 1;; esac; }`,
    'b_caps() {',
    '  case $b_r in',
    ...KNOWN_CAPABILITIES.map((c) => `    ${q(c)}*) ${strip(c)};;`),
    '    *) return 1;;',
    '  esac; }',
    // initialize, in the order Claude Code and Gemini CLI write it or in Codex's.
    'b_init() {',
    '  case $b_l in',
    `    '{"method":"initialize","params":{"protocolVersion":"'*) b_r=$b_l; ${strip('{"method":"initialize","params":{"protocolVersion":"')}; b_o=1;;`,
    `    '{"jsonrpc":"2.0","id":'*) b_r=\${b_l#'{"jsonrpc":"2.0","id":'}; b_id=\${b_r%%,*}; b_idok || return 1; b_r=\${b_r#"$b_id"}`,
    `      case $b_r in ',"method":"initialize","params":{"protocolVersion":"'*) ${strip(',"method":"initialize","params":{"protocolVersion":"')}; b_o=2;; *) return 1;; esac;;`,
    '    *) return 1;;',
    '  esac',
    `  b_pv=\${b_r%%'"'*}; b_str || return 1`,
    `  case $b_r in ',"capabilities":'*) ${strip(',"capabilities":')};; *) return 1;; esac; b_caps || return 1`,
    `  case $b_r in ',"clientInfo":'*) ${strip(',"clientInfo":')};; *) return 1;; esac; b_client || return 1`,
    `  if [ $b_o = 1 ]; then case $b_r in '},"jsonrpc":"2.0","id":'*'}') b_id=\${b_r#'},"jsonrpc":"2.0","id":'}; b_id=\${b_id%?}; b_idok || return 1;; *) return 1;; esac`,
    `  else [ "$b_r" = '}}' ] || return 1; fi`,
    '  [ -z "$b_inid" ] || return 1',
    `  case $b_pv in ${listing.protocolVersions.map(q).join('|')}) ;; *) b_pv=${q(listing.latest)};; esac`,
    `  b_inid=1; printf '%s\\n' ${initReply}; }`,
    // The listed requests, in each client's shape; Claude Code's server/discover probe too.
    'b_listed() {',
    '  case $b_l in',
    `    '{"method":"'*) b_r=\${b_l#'{"method":"'}; b_m=\${b_r%%'"'*}; b_r=\${b_r#"$b_m"}`,
    `      case $b_r in '","params":{}'*) b_r=\${b_r#'","params":{}'};; *) b_r=\${b_r#?};; esac`,
    `      case $b_r in ',"jsonrpc":"2.0","id":'*'}') b_id=\${b_r#',"jsonrpc":"2.0","id":'}; b_id=\${b_id%?};; *) return 1;; esac;;`,
    `    '{"jsonrpc":"2.0","id":'*) b_r=\${b_l#'{"jsonrpc":"2.0","id":'}; b_id=\${b_r%%,*}; b_r=\${b_r#"$b_id"}`,
    `      case $b_r in ',"method":"'*) ${strip(',"method":"')};; *) return 1;; esac; b_m=\${b_r%%'"'*}; b_r=\${b_r#"$b_m"}`,
    `      case $b_r in '"}'|'","params":{}}') ;; '","params":{"_meta":{"progressToken":'*'}}}') b_r=\${b_r#'","params":{"_meta":{"progressToken":'}; b_r=\${b_r%'}}}'}`,
    '        b_y=$b_r; b_int || return 1;;',
    `        '","params":{"_meta":{}}}') ;;`,
    `        '","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"'*) ${strip('","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"')}; b_str || return 1`,
    `          case $b_r in ',"io.modelcontextprotocol/clientInfo":'*) ${strip(',"io.modelcontextprotocol/clientInfo":')};; *) return 1;; esac; b_client || return 1`,
    `          case $b_r in ',"io.modelcontextprotocol/clientCapabilities":'*) ${strip(',"io.modelcontextprotocol/clientCapabilities":')};; *) return 1;; esac; b_caps || return 1`,
    `          [ "$b_r" = '}}}' ] || return 1;;`,
    '        *) return 1;; esac;;',
    '    *) return 1;;',
    '  esac',
    '  b_idok || return 1',
    '  case $b_m in',
    ...listed.map((m) => `    ${q(m)}) printf '%s\\n' ${reply(m)};;`),
    '    *) return 1;;',
    '  esac; }',
    // A hook event: spooled by the shell (then a worker for a turn's end), else Node's.
    'b_hook() {',
    '  [ -n "$b_spool" ] || return 1',
    `  b_r=\${b_l#${q(hookPrefix)}}; b_e=\${b_r%%'"'*}`,
    `  b_id=\${b_l##*${q(hookSuffix)}}; b_id=\${b_id%?}; b_idok || return 1`,
    '  case $b_e in',
    `    ${spooled.map(q).join('|')}) b_wk=;;`,
    `    ${worker.map(q).join('|')}) [ -n "$b_bg" ] || return 1; b_wk=1;;`,
    '    *) return 1;;',
    '  esac',
    '  b_t=$(date +%s%N 2>/dev/null)',
    '  case $b_t in ""|*[!0-9]*) b_t=$(date +%s)000000000;; esac',
    '  b_t=${b_t%??????}; b_c=$((b_c+1)); b_x=00000$b_c; b_x=${b_x#"${b_x%??????}"}',
    '  b_nm=$b_t-$$-$b_x-sh; b_s=$b_home/spool',
    '  [ -n "$b_um" ] || b_um=$(umask); umask 077',
    '  { [ -d "$b_s" ] || mkdir -p "$b_s"; } 2>/dev/null',
    `  if { printf '%s%s%s\\n' '{"agent":"claude-code","receivedAt":' "$b_t" ',"from":"sh-mcp"}' && printf '%s\\n' "$b_l"; } 2>/dev/null >"$b_s/.$b_nm.tmp" && mv -f "$b_s/.$b_nm.tmp" "$b_s/$b_nm${SPOOL_SUFFIX}" 2>/dev/null; then :; else`,
    '    rm -f "$b_s/.$b_nm.tmp" 2>/dev/null; umask "$b_um"; return 1; fi',
    // As the Node front: a worker, unless a live one holds the drain lock (it drains this too).
    '  if [ -n "$b_wk" ]; then',
    `    b_p=; read -r b_p 2>/dev/null <"$b_s/${WORKER_LOCK}"`,
    '    if [ -n "$b_p" ] && kill -0 "$b_p" 2>/dev/null; then :; else',
    '      ' +
      exitWorkerStart(
        '"$b_s"',
        `"$b_s/$b_nm${SPOOL_SUFFIX}"`,
        '"$b_s/workers"',
        '"$b_node" "$b_js"',
      ),
    '    fi',
    '  fi',
    '  umask "$b_um"',
    `  printf '%s\\n' ${hookReply}; }`,
    'while :; do',
    '  if IFS= read -r b_l; then :; else [ -z "$b_l" ] && exit 0; b_last=1; break; fi',
    `  [ \${#b_l} -le ${SH_LINE_BYTES} ] || break; b_read=$((b_read+\${#b_l}))`,
    `  [ $b_read -le ${SH_TOTAL_BYTES} ] || break`,
    '  case $b_l in *[[:cntrl:]]*) break;; esac',
    '  case $b_l in *[![:space:]]*) ;; *) continue;; esac',
    `  case $b_l in ${q(hookPrefix)}*${q(hookSuffix)}*'}') b_hook && continue; break;; esac`,
    '  case $b_l in *\\\\*) break;; esac',
    '  b_listed && continue',
    '  if b_init; then :; else',
    `    case $b_l in '{"jsonrpc":"2.0","method":"notifications/initialized"}'|'{"method":"notifications/initialized","jsonrpc":"2.0"}') ;; *) break;; esac`,
    '  fi',
    // What Node replays (and does not answer again): the `initialize` and `initialized` lines.
    '  b_replay="$b_replay$b_l',
    '"; b_n=$((b_n+1))',
    'done',
    '[ -z "$b_um" ] || umask "$b_um"',
    `export ${HANDOVER_ENV}="$b_n $b_last"`,
    'exec "$@" 3<<B_EOF',
    '$b_replay$b_l',
    'B_EOF',
    '',
  ];
  return lines.join('\n');
}
