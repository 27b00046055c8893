// Markdown rendered safely: marked only tokenises; every token becomes a Preact element, whose
// text Preact escapes. Raw HTML in the text is shown as text, never parsed; a link or image keeps
// its address only when it is http(s) or mailto (no javascript:, data: or vbscript:), and images
// are shown as links — a transcript never makes the page fetch anything.
import { Lexer } from 'marked';
import type { Token, Tokens } from 'marked';
import type { ComponentChildren } from 'preact';
import { memo } from 'preact/compat';

const SAFE_URL = /^(https?:|mailto:)/i;

export function safeHref(href: string): string | null {
  const trimmed = href.trim();
  return SAFE_URL.test(trimmed) ? trimmed : null;
}

/** Lexed once per text: rows re-render as the list scrolls, their text does not change. */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  let tokens: Token[];
  try {
    tokens = Lexer.lex(text, { gfm: true, breaks: false });
  } catch {
    return <pre class="md-plain">{text}</pre>;
  }
  return <div class="md">{blocks(tokens)}</div>;
});

function blocks(tokens: Token[]): ComponentChildren[] {
  return tokens.map((t, i) => block(t, i));
}

function block(t: Token, key: number): ComponentChildren {
  switch (t.type) {
    case 'space':
    case 'def':
      return null;
    case 'heading': {
      const H = `h${Math.min(6, (t as Tokens.Heading).depth + 2)}` as 'h3';
      return <H key={key}>{inline((t as Tokens.Heading).tokens)}</H>;
    }
    case 'paragraph':
      return <p key={key}>{inline((t as Tokens.Paragraph).tokens)}</p>;
    case 'code':
      return (
        <pre key={key} class="code">
          <code>{(t as Tokens.Code).text}</code>
        </pre>
      );
    case 'blockquote':
      return <blockquote key={key}>{blocks((t as Tokens.Blockquote).tokens)}</blockquote>;
    case 'list': {
      const l = t as Tokens.List;
      const items = l.items.map((item, j) => <li key={j}>{blocks(item.tokens)}</li>);
      return l.ordered ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>;
    }
    case 'hr':
      return <hr key={key} />;
    case 'table': {
      const tb = t as Tokens.Table;
      return (
        <div class="table-wrap" key={key}>
          <table>
            <thead>
              <tr>
                {tb.header.map((c, j) => (
                  <th key={j}>{inline(c.tokens)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {tb.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((c, j) => (
                    <td key={j}>{inline(c.tokens)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    }
    case 'text': {
      const tt = t as Tokens.Text;
      return <p key={key}>{tt.tokens ? inline(tt.tokens) : tt.text}</p>;
    }
    default:
      // html and anything unknown: its source, as text.
      return (
        <p key={key} class="md-raw">
          {t.raw}
        </p>
      );
  }
}

function inline(tokens: Token[] | undefined): ComponentChildren[] {
  return (tokens ?? []).map((t, i) => span(t, i));
}

function span(t: Token, key: number): ComponentChildren {
  switch (t.type) {
    case 'strong':
      return <strong key={key}>{inline((t as Tokens.Strong).tokens)}</strong>;
    case 'em':
      return <em key={key}>{inline((t as Tokens.Em).tokens)}</em>;
    case 'del':
      return <del key={key}>{inline((t as Tokens.Del).tokens)}</del>;
    case 'codespan':
      return <code key={key}>{(t as Tokens.Codespan).text}</code>;
    case 'br':
      return <br key={key} />;
    case 'link': {
      const l = t as Tokens.Link;
      const target = safeHref(l.href);
      if (!target) return <span key={key}>{inline(l.tokens)}</span>;
      return (
        <a key={key} href={target} rel="noopener noreferrer nofollow" target="_blank">
          {inline(l.tokens)}
        </a>
      );
    }
    case 'image': {
      const im = t as Tokens.Image;
      const target = safeHref(im.href);
      const label = `[image: ${im.text || im.href}]`;
      if (!target) return <span key={key}>{label}</span>;
      return (
        <a key={key} href={target} rel="noopener noreferrer nofollow" target="_blank">
          {label}
        </a>
      );
    }
    case 'text': {
      const tt = t as Tokens.Text;
      return tt.tokens ? <span key={key}>{inline(tt.tokens)}</span> : tt.text;
    }
    case 'escape':
      return (t as Tokens.Escape).text;
    default:
      return t.raw;
  }
}
