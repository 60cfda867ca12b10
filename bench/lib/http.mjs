/** fetch with an optional JSON body; answers the response and its text, read to the end. */
export async function sendJson (url, { method = 'GET', headers = {}, body, signal } = {}) {
  const response = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal
  })
  return { response, text: await response.text() }
}
