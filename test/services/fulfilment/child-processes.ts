import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { setTimeout as sleep } from 'node:timers/promises'

/** The stand-alone simulator and the service as real processes, and what the crash test asks of them over HTTP. */

const SERVICE_ENTRY = fileURLToPath(new URL('../../../src/server.ts', import.meta.url))
const SIMULATOR_ENTRY = fileURLToPath(new URL('../../../src/sandbox/server.ts', import.meta.url))
/** Run the entries the way tap runs TypeScript: with its loader only. */
const LOADER = process.execArgv.filter((argument) => argument.includes('@tapjs/typescript'))
const START_TIMEOUT_MS = 60_000

export interface Child {
  process: ChildProcess
  url: string
  /** Every JSON log line the process wrote so far. */
  logs: Array<Record<string, unknown>>
}

/** Starts a TypeScript entry and resolves with its URL once a log line matching `listening` shows it. */
async function startChild (entry: string, env: Record<string, string>, listening: RegExp): Promise<Child> {
  const child = spawn(process.execPath, [...LOADER, entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const logs: Array<Record<string, unknown>> = []
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  let buffer = ''
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start within ${START_TIMEOUT_MS} ms: ${stderr}`)), START_TIMEOUT_MS)
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      let newline
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline)
        buffer = buffer.slice(newline + 1)
        let entry: Record<string, unknown>
        try {
          entry = JSON.parse(line) as Record<string, unknown>
        } catch {
          continue
        }
        logs.push(entry)
        const match = listening.exec(String(entry.msg))
        if (match) {
          clearTimeout(timer)
          resolve(match[1]!)
        }
      }
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`${entry} exited early (${String(code ?? signal)}): ${stderr}`))
    })
  })
  try {
    return { process: child, url: await url, logs }
  } catch (err) {
    await kill({ process: child })
    throw err
  }
}

export function startSimulator (env: Record<string, string> = {}): Promise<Child> {
  return startChild(SIMULATOR_ENTRY, { SANDBOX_PORT: '0', LOG_LEVEL: 'info', ...env }, /PRO simulator listening on (http:\/\/127\.0\.0\.1:\d+)/)
}

export function startService (env: Record<string, string>): Promise<Child> {
  return startChild(SERVICE_ENTRY, { PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'test', ...env }, /Server listening at (http:\/\/127\.0\.0\.1:\d+)/)
}

/** SIGKILL (no shutdown code runs) and wait for the process to be gone. */
export async function kill (child: Pick<Child, 'process'>): Promise<void> {
  const running = child.process
  if (running.exitCode !== null || running.signalCode !== null) return
  const exited = once(running, 'exit')
  running.kill('SIGKILL')
  await exited
}

async function json (url: string, init: RequestInit = {}): Promise<{ status: number, body: any }> {
  const headers = { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers }
  const response = await fetch(url, { ...init, headers })
  const text = await response.text()
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) }
}

export interface SimulatorStats {
  counts: Record<string, number>
  duplicates: Record<string, number>
  consignments: Record<string, { state: string, orderReference: string | null, manifestCount: number }>
}

export async function simulatorStats (simulator: Child): Promise<SimulatorStats> {
  return (await json(`${simulator.url}/_sandbox/stats`)).body
}

export async function setFaults (simulator: Child, faults: Record<string, unknown>): Promise<void> {
  const { status, body } = await json(`${simulator.url}/_sandbox/faults`, { method: 'PUT', body: JSON.stringify(faults) })
  if (status >= 300) throw new Error(`faults answered ${status}: ${JSON.stringify(body)}`)
}

/** Polls the simulator until `ready` holds for its stats; gives up at the deadline. */
export async function waitForStats (simulator: Child, what: string, ready: (stats: SimulatorStats) => boolean, timeoutMs: number): Promise<SimulatorStats> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const stats = await simulatorStats(simulator)
    if (ready(stats)) return stats
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for the simulator to show ${what}`)
    await sleep(25)
  }
}

export interface PlacedOrder {
  orderId: string
  proOrderReference: string
  orderToken: string
  locations: readonly string[]
}

/** Options for a basket with one item per warehouse, then a confirm of the first option. */
export async function placeOrder (service: Child, n: number, locations: readonly string[]): Promise<PlacedOrder> {
  const items = locations.map((location, index) => ({
    sku: `CRASH-${n}-${index}`,
    quantity: 1 + (n % 2),
    weightKg: 0.5 + index / 10,
    unitPrice: { amount: '15.00', currency: 'GBP' },
    shippingLocation: location
  }))
  const destination = { name: `Customer ${n}`, email: `crash${n}@example.com`, phone: '07700900123', addressLines: ['12 Analytical Row'], town: 'London', postcode: 'N1 9GU', countryCode: 'GB' }
  const options = await json(`${service.url}/checkout/options`, { method: 'POST', body: JSON.stringify({ items, destination }) })
  const option = options.body?.options?.[0]
  if (options.status !== 200 || !option) throw new Error(`options for order ${n} answered ${options.status}: ${JSON.stringify(options.body)}`)
  const confirmed = await json(`${service.url}/checkout/confirm`, {
    method: 'POST',
    headers: { 'idempotency-key': randomUUID() },
    body: JSON.stringify({ optionId: option.id, orderReference: `CRASH-${n}`, items })
  })
  if (confirmed.status !== 201) throw new Error(`confirm of order ${n} answered ${confirmed.status}: ${JSON.stringify(confirmed.body)}`)
  const { orderId, proOrderReference, orderToken } = confirmed.body
  return { orderId, proOrderReference, orderToken, locations }
}

export interface OrderView {
  status: string
  consignments: Array<{ reference: string | null, state: string }>
}

/** The order as the storefront reads it, with its token. */
export async function orderView (service: Child, order: PlacedOrder): Promise<OrderView> {
  const { status, body } = await json(`${service.url}/checkout/orders/${order.orderId}`, { headers: { authorization: `Bearer ${order.orderToken}` } })
  if (status !== 200) throw new Error(`order ${order.orderId} answered ${status}`)
  return body
}

export async function orderStatuses (service: Child, orders: readonly PlacedOrder[]): Promise<string[]> {
  return Promise.all(orders.map(async (order) => (await orderView(service, order)).status))
}

/**
 * Asks for a manifest run with a staff key. Answers false when the service has no such route, so
 * the caller relies on MANIFEST_CRON instead; rejects when the service dies meanwhile.
 */
export async function requestManifestRun (service: Child, staffKey: string): Promise<boolean> {
  const { status, body } = await json(`${service.url}/manifests`, { method: 'POST', headers: { authorization: `Bearer ${staffKey}` } })
  if (status === 404) return false
  if (status !== 200) throw new Error(`POST /manifests answered ${status}: ${JSON.stringify(body)}`)
  return true
}
