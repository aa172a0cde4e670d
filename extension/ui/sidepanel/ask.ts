import { browser } from 'wxt/browser';
import type { AnyMessage, ReadReply } from '../../messaging/protocol.ts';

/** One round trip to the background, typed by what the caller expects back. */
export function ask<T>(msg: AnyMessage): Promise<ReadReply<T>> {
  return browser.runtime.sendMessage(msg) as Promise<ReadReply<T>>;
}
