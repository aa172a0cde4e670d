import type { ComponentChildren } from 'preact';
import { onLinkClick } from '../lib/router.ts';

/** A real <a href>, so it can be opened in a new tab, focused and read as a link. */
export function Link(props: { href: string; children: ComponentChildren; class?: string; 'aria-current'?: 'page' | undefined }) {
  return (
    <a href={props.href} class={props.class} aria-current={props['aria-current']} onClick={onLinkClick}>
      {props.children}
    </a>
  );
}
