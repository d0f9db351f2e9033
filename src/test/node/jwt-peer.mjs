// Test-only peer for AtlassianJwtCrossCheckTests: lets Atlassian's own atlassian-jwt library sign,
// verify and hash requests so the Java implementation can be compared with it.
//
// Reads one JSON document on stdin: a command object, or an array of them (one process serves a
// whole test class). Writes the reply (an object, or an array in the same order) on stdout.
//   {"op":"sign", "requests":[{method, url, secret, iss, sub?, iat, exp, baseUrl, contextQsh}]}
//     -> {"tokens":[{token, canonical, qsh}]}
//   {"op":"verify", "tokens":[{method, url, token, secret, baseUrl}]}
//     -> {"results":[{ok, error, claims, canonical, qsh}]}
//   {"op":"qsh", "requests":[{method, url, baseUrl}]}
//     -> {"results":[{canonical, qsh}]}
import jwt from 'atlassian-jwt';

const checkBodyForParams = false;

function hashOf(method, url, baseUrl) {
  const request = jwt.fromMethodAndUrl(method, url);
  return {
    canonical: jwt.createCanonicalRequest(request, checkBodyForParams, baseUrl),
    qsh: jwt.createQueryStringHash(request, checkBodyForParams, baseUrl),
  };
}

function sign({ method, url, secret, iss, sub, iat, exp, baseUrl, contextQsh }) {
  const { canonical, qsh } = hashOf(method, url, baseUrl);
  const claims = { iss, iat, exp, qsh: contextQsh ? 'context-qsh' : qsh };
  if (sub !== undefined && sub !== null) {
    claims.sub = sub;
  }
  return { token: jwt.encodeSymmetric(claims, secret, jwt.SymmetricAlgorithm.HS256), canonical, qsh };
}

function verify({ method, url, token, secret, baseUrl }) {
  const { canonical, qsh } = hashOf(method, url, baseUrl);
  try {
    const claims = jwt.decodeSymmetric(token, secret, jwt.SymmetricAlgorithm.HS256, false);
    return { ok: true, error: null, claims, canonical, qsh };
  } catch (e) {
    return { ok: false, error: String(e && e.message ? e.message : e), claims: null, canonical, qsh };
  }
}

function run(command) {
  switch (command.op) {
    case 'sign':
      return { tokens: command.requests.map(sign) };
    case 'verify':
      return { results: command.tokens.map(verify) };
    case 'qsh':
      return { results: command.requests.map(({ method, url, baseUrl }) => hashOf(method, url, baseUrl)) };
    default:
      throw new Error(`unknown op: ${command.op}`);
  }
}

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}
const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const output = Array.isArray(input) ? input.map(run) : run(input);
process.stdout.write(JSON.stringify(output));
