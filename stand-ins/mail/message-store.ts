import {randomUUID} from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/** One email as the catcher received it. */
export interface CaughtMessage {
  id: string
  /** The From header as written, e.g. `"Life in Balance" <no-reply@localhost>`. */
  from: string
  /** The SMTP envelope's recipients (Bcc included), lower-cased as servers compare them. */
  to: string[]
  subject: string
  text: string
  html: string
  /** The List-Unsubscribe and List-Unsubscribe-Post headers' values as sent ('' when absent). */
  listUnsubscribe: string
  listUnsubscribePost: string
  /** When the catcher received it (ISO 8601). */
  date: string
}

// Enough for a long local session; the oldest go first so memory stays bounded.
const KEEP = 1000

/**
 * The messages in memory, in arrival order, optionally mirrored to a JSON file so they
 * survive a restart of `npm start`. The file is replaced whole (write, then rename), so a
 * crash never leaves half of it.
 */
export class MessageStore {
  private messages: CaughtMessage[] = []

  constructor(private readonly file?: string) {
    if (file && fs.existsSync(file)) this.messages = JSON.parse(fs.readFileSync(file, 'utf8')) as CaughtMessage[]
  }

  add(message: Omit<CaughtMessage, 'id'>): CaughtMessage {
    const stored = {id: randomUUID(), ...message}
    this.messages = [...this.messages, stored].slice(-KEEP)
    this.save()
    return stored
  }

  list(): CaughtMessage[] {
    return [...this.messages]
  }

  get(id: string): CaughtMessage | undefined {
    return this.messages.find((message) => message.id === id)
  }

  clear(): void {
    this.messages = []
    this.save()
  }

  private save(): void {
    if (!this.file) return
    fs.mkdirSync(path.dirname(this.file), {recursive: true})
    const temporary = `${this.file}.${process.pid}.tmp`
    fs.writeFileSync(temporary, JSON.stringify(this.messages), {mode: 0o600})
    fs.renameSync(temporary, this.file)
  }
}
