import { strict as assert } from 'node:assert';
import { analyzeNotebook } from '../../../src/core/analyze';
import { secretInNotebook } from '../../../src/core/rules/secret-in-notebook';
import { isSecretName, looksLikeSecretValue } from '../../../src/core/rules/secret-patterns';
import { check, notebookFrom, textAt } from '../helpers';

// Built from pieces so that secret scanners do not take the test file itself for a leak.
const AWS = 'AKIA' + 'Q3EGRT7K2MZ4XW5B';
const GITHUB = 'ghp_' + 'q7Lm2Xv9Rt4Kp8Wz3Nd6Hs1Jb5Yc0Fg2Ae7U';
const OPENAI = 'sk-proj-' + 'Xq3vT9mL2kR8pW4zN7dH1sJ6bY5cF0gA';
const SLACK = 'xoxb-' + '2841937502-5718249301-QmZ3pW9rT7kL2xV8nB4dH6sJ';
const GOOGLE = 'AIza' + 'SyB3k9Xq2Lm7Rt4Wv8Zp1Nd6Hs5Jc0Fg2Ae';
const HF = 'hf_' + 'QwErTy7UiOp3AsDf9GhJk2LzXc5VbNm8Kl';

describe('rule secret-in-notebook (LO502)', () => {
  it('flags each prefixed token format in source, as an error, without printing the secret', () => {
    const cells = [
      [
        'import os, openai',
        `AWS_ACCESS_KEY_ID = "${AWS}"`,
        `gh = "${GITHUB}"`,
        `openai.api_key = "${OPENAI}"`,
        `client = WebClient(token="${SLACK}")`,
        `maps = f"https://maps.googleapis.com/api?key=${GOOGLE}"`,
        `login("${HF}")`,
      ].join('\n'),
    ];
    const findings = check(secretInNotebook, cells);
    assert.deepEqual(
      findings.map((f) => /A ([\w ]+?) \(/.exec(f.message)?.[1]),
      ['AWS access key id', 'GitHub token', 'OpenAI API key', 'Slack token', 'Google API key', 'Hugging Face token'],
    );
    for (const f of findings) {
      assert.equal(f.severity, 'error');
      for (const secret of [AWS, GITHUB, OPENAI, SLACK, GOOGLE, HF]) {
        assert.ok(!f.message.includes(secret.slice(0, 8)), `message leaks ${secret.slice(0, 4)}`);
      }
    }
    assert.equal(textAt(cells, findings[0]!), AWS);
    assert.match(findings[0]!.message, /\(AKIA…\)/);
    assert.match(findings[0]!.message, /Revoke and rotate/);
  });

  it('flags a private key block, tokens in comments, shell lines and markdown', () => {
    const cells = [
      'key = """-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----"""',
      `!curl -H "Authorization: token ${GITHUB}" https://api.github.com/user`,
      { kind: 'markdown' as const, source: `Use the key ${AWS} to read the bucket.` },
    ];
    const findings = check(secretInNotebook, cells);
    assert.deepEqual(
      findings.map((f) => f.cellIndex),
      [0, 1, 2],
    );
    assert.match(findings[0]!.message, /private key/);
    assert.match(findings[2]!.message, /markdown cell/);
  });

  it('flags high-entropy literals given to credential names: assignment, keyword, dict entry, environ', () => {
    const cells = [
      [
        'DB_PASSWORD = "9fK#d2!qLm7zRw"',
        'conn = connect(host="db", user="etl", password="Zx8$kLq2Vw9!pT")',
        'creds = {"api_key": "a8F3kQ9zL2mX7vR4tW1p"}',
        'os.environ["SECRET_KEY"] = "Qm4Xz9Lp2Rt7Wv3Kd8Ns"',
      ].join('\n'),
    ];
    const findings = check(secretInNotebook, cells);
    assert.equal(findings.length, 4);
    assert.match(
      findings[0]!.message,
      /`DB_PASSWORD` is set to a literal that looks like a real credential \("9fK#…"\)/,
    );
    assert.ok(findings.every((f) => !f.message.includes('Lm7z') && !f.message.includes('kLq2')));
  });

  it('flags prefixed tokens in saved outputs only, on the cell', () => {
    const nb = notebookFrom(['print(os.environ["GITHUB_TOKEN"])', 'print(config)']);
    nb.cells[0]!.outputs = { count: 1, types: ['stream'], text: `${GITHUB}\n` };
    nb.cells[1]!.outputs = { count: 1, types: ['stream'], text: "{'password': 'Zx8$kLq2Vw9!pT'}" };
    const findings = analyzeNotebook(nb, { rules: [secretInNotebook] });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.cellIndex, 0);
    assert.match(findings[0]!.message, /saved output shows a GitHub token \(ghp_…\)/);
    assert.ok(!findings[0]!.message.includes(GITHUB.slice(4, 10)));
  });

  it('ignores placeholders, env lookups, env var names, low-entropy values and non-credential names', () => {
    const cells = [
      [
        'import os',
        'OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]',
        'api_key = os.getenv("API_KEY")',
        'api_key = "YOUR_API_KEY"',
        'token = "<your-token-here>"',
        'password = "xxxxxxxxxxxxxxxx"',
        'secret = "changeme-please-now"',
        'HF_TOKEN = "HUGGINGFACE_HUB_TOKEN"',
        'gh = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
        'aws = "AKIAIOSFODNN7EXAMPLE"',
        'openai.api_key = "sk-..."',
        'password = "passwordpassword"',
        'tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")',
        'max_tokens = "Xq3vT9mL2kR8pW4z"',
        'token_path = "secrets/hf_token.txt"',
        'if password == "Zx8$kLq2Vw9!pT": pass',
        'model_name = "sk-learn-compatible-regressor"',
        'task = "sk-classification-benchmark-v2"',
        'hub = "hf_hub_download_and_cache"',
        'os.environ["GOOGLE_APPLICATION_CREDENTIALS"] = "my_service_account_private_key.json"',
        'SECRET_FILE_KEY = "Kx9secretsFile2.pem"',
      ].join('\n'),
    ];
    assert.deepEqual(
      check(secretInNotebook, cells).map((f) => f.message),
      [],
    );
  });

  it('recognises credential names and secret-looking values', () => {
    for (const n of ['password', 'DB_PASSWORD', 'apiKey', 'hf_token', 'AWS_SECRET_ACCESS_KEY', 'client_secret']) {
      assert.ok(isSecretName(n), n);
    }
    for (const n of ['tokenizer', 'max_tokens', 'token_ids', 'secret_name', 'key', 'primary_key', 'TOKEN_PATH']) {
      assert.ok(!isSecretName(n), n);
    }
    assert.ok(looksLikeSecretValue('a8F3kQ9zL2mX7vR4tW1p'));
    assert.ok(!looksLikeSecretValue('short1A'));
    assert.ok(!looksLikeSecretValue('OPENAI_API_KEY'));
  });

  it('is silenced by a suppression comment', () => {
    const cells = [`gh = "${GITHUB}"  # liftoff: ignore[secret-in-notebook]`];
    assert.deepEqual(check(secretInNotebook, cells), []);
  });
});
