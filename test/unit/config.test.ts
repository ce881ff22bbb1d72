// okr.config.json (SPEC §7): readConfig's defaults, each key valid and invalid, where the
// problems point, and how the settings change diagnostics.
import assert from 'node:assert/strict';
import { defaultConfig, readConfig, type ConfigResult, type OkrConfig } from '../../server/src/okr/analysis/config.ts';
import type { Diagnostic } from '../../server/src/okr/model/diagnostics.ts';
import { codes, diagnose, md } from './helpers.ts';

/** SPEC §7 defaults. */
const DEFAULTS: OkrConfig = {
  fiscalYearStartMonth: 1,
  operational: { maxCycleDays: 42 },
  strategic: { minCycleDays: 60 },
  checkIn: { maxDays: 14 },
  maxKeyResults: 5,
  severity: {},
  exclude: [],
  documents: [],
};

/** The config as plain JSON data (drops a null prototype, compares like a file would). */
function plain(config: OkrConfig): Record<string, unknown> {
  return JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
}

/** readConfig, asserting it accepted the text without problems. */
function valid(text: string): OkrConfig {
  const { config, problems } = readConfig(text);
  assert.deepEqual(problems, [], `unexpected problems: ${JSON.stringify(problems)}`);
  return config;
}

/** readConfig, asserting exactly one config-invalid problem; returns it with the config. */
function invalid(text: string): { config: OkrConfig; problem: Diagnostic } {
  const { config, problems }: ConfigResult = readConfig(text);
  assert.equal(problems.length, 1, `expected one problem for ${JSON.stringify(text)}, got ${JSON.stringify(problems)}`);
  const problem = problems[0]!;
  assert.equal(problem.code, 'config-invalid');
  assert.equal(problem.severity, 'error');
  assert.equal(typeof problem.message, 'string');
  assert.ok(problem.message.length > 0);
  return { config, problem };
}

/** Lines joined with \n (no trailing newline needed for JSON). */
function json(...lines: string[]): string {
  return lines.join('\n');
}

function assertPrototypeClean(): void {
  for (const key of ['polluted', 'maxKeyResults', 'maxCycleDays', 'kr-unmeasured', 'exclude']) {
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, key), false, `Object.prototype.${key} was set`);
    assert.equal(({} as Record<string, unknown>)[key], undefined, `{}.${key} is inherited`);
  }
}

describe('readConfig', () => {
  describe('defaults', () => {
    it('an empty object gives the SPEC defaults and no problems', () => {
      assert.deepEqual(plain(valid('{}')), DEFAULTS);
      assert.deepEqual(plain(defaultConfig()), DEFAULTS);
    });

    it('reads the SPEC §7 example', () => {
      const config = valid(
        json(
          '{',
          '  "fiscalYearStartMonth": 1,',
          '  "operational": { "maxCycleDays": 42 },',
          '  "strategic": { "minCycleDays": 60 },',
          '  "maxKeyResults": 5,',
          '  "severity": { "kr-unmeasured": "off" },',
          '  "exclude": ["archive/**"]',
          '}',
        ),
      );
      assert.deepEqual(plain(config), { ...DEFAULTS, severity: { 'kr-unmeasured': 'off' }, exclude: ['archive/**'] });
    });

    it('leaves unset keys at their defaults', () => {
      assert.deepEqual(plain(valid('{ "maxKeyResults": 7 }')), { ...DEFAULTS, maxKeyResults: 7 });
    });
  });

  describe('each key, valid', () => {
    it('fiscalYearStartMonth 1–12', () => {
      for (const month of [1, 4, 10, 12]) assert.equal(valid(`{ "fiscalYearStartMonth": ${month} }`).fiscalYearStartMonth, month);
    });

    it('operational.maxCycleDays and strategic.minCycleDays', () => {
      const config = valid('{ "operational": { "maxCycleDays": 14 }, "strategic": { "minCycleDays": 90 } }');
      assert.deepEqual(plain(config), { ...DEFAULTS, operational: { maxCycleDays: 14 }, strategic: { minCycleDays: 90 } });
    });

    it('maxKeyResults', () => {
      assert.equal(valid('{ "maxKeyResults": 3 }').maxKeyResults, 3);
    });

    it('severity: error, warning, info, hint or off per known code', () => {
      const config = valid(
        '{ "severity": { "kr-unmeasured": "off", "kr-missing": "error", "align-missing": "warning", "cycle-too-long": "info", "kr-too-many": "hint" } }',
      );
      assert.deepEqual(plain(config), {
        ...DEFAULTS,
        severity: { 'kr-unmeasured': 'off', 'kr-missing': 'error', 'align-missing': 'warning', 'cycle-too-long': 'info', 'kr-too-many': 'hint' },
      });
    });

    it('exclude: an array of globs', () => {
      assert.deepEqual(valid('{ "exclude": ["archive/**", "drafts/*.md"] }').exclude, ['archive/**', 'drafts/*.md']);
      assert.deepEqual(valid('{ "exclude": [] }').exclude, []);
    });
  });

  describe('each key, invalid: config-invalid on the offending key, that key at its default, the others kept', () => {
    // Every case: the bad key on line 2, good keys on lines 1 and 3.
    const cases: [string, string, keyof OkrConfig][] = [
      ['fiscalYearStartMonth 0', '"fiscalYearStartMonth": 0', 'fiscalYearStartMonth'],
      ['fiscalYearStartMonth 13', '"fiscalYearStartMonth": 13', 'fiscalYearStartMonth'],
      ['fiscalYearStartMonth 1.5', '"fiscalYearStartMonth": 1.5', 'fiscalYearStartMonth'],
      ['fiscalYearStartMonth as text', '"fiscalYearStartMonth": "4"', 'fiscalYearStartMonth'],
      ['operational not an object', '"operational": 30', 'operational'],
      ['strategic not an object', '"strategic": [90]', 'strategic'],
      ['severity not an object', '"severity": "off"', 'severity'],
      ['exclude not an array', '"exclude": "archive/**"', 'exclude'],
      ['exclude with a non-string', '"exclude": ["archive/**", 3]', 'exclude'],
      ['maxKeyResults as text', '"maxKeyResults": "five"', 'maxKeyResults'],
    ];
    for (const [what, entry, key] of cases) {
      it(what, () => {
        const [otherKey, other, otherValue] =
          key === 'maxKeyResults' ? (['fiscalYearStartMonth', '"fiscalYearStartMonth": 4', 4] as const) : (['maxKeyResults', '"maxKeyResults": 3', 3] as const);
        const third = key === 'strategic' ? '"exclude": ["x/**"]' : '"strategic": { "minCycleDays": 30 }';
        const { config, problem } = invalid(json('{', `  ${other},`, `  ${entry},`, `  ${third}`, '}'));
        // On the bad entry (the key, or the bad element inside its value).
        assert.equal(problem.range.start.line, 2, 'the problem is on the bad key');
        assert.equal(problem.range.end.line, 2);
        assert.ok(problem.range.start.character >= 2 && problem.range.end.character <= 2 + entry.length, JSON.stringify(problem.range));
        assert.deepEqual(plain(config)[key], plain(defaultConfig())[key], `${key} falls back to its default`);
        assert.equal(config[otherKey], otherValue, `${otherKey} keeps its value`);
        if (key === 'strategic') assert.deepEqual(config.exclude, ['x/**']);
        else assert.deepEqual(config.strategic, { minCycleDays: 30 });
      });
    }

    it('operational.maxCycleDays negative: the problem is on the nested key', () => {
      const { config, problem } = invalid(json('{', '  "maxKeyResults": 3,', '  "operational": {', '    "maxCycleDays": -5', '  }', '}'));
      assert.equal(problem.range.start.line, 3);
      assert.equal(problem.range.start.character, 4);
      assert.deepEqual(config.operational, { maxCycleDays: 42 });
      assert.equal(config.maxKeyResults, 3);
    });

    it('operational.maxCycleDays zero or fractional, strategic.minCycleDays negative', () => {
      assert.deepEqual(invalid('{ "operational": { "maxCycleDays": 0 } }').config.operational, { maxCycleDays: 42 });
      assert.deepEqual(invalid('{ "operational": { "maxCycleDays": 1.5 } }').config.operational, { maxCycleDays: 42 });
      assert.deepEqual(invalid('{ "strategic": { "minCycleDays": -60 } }').config.strategic, { minCycleDays: 60 });
    });

    it('an unknown severity level: the problem is on that code', () => {
      const { config, problem } = invalid(
        json('{', '  "maxKeyResults": 3,', '  "severity": {', '    "kr-unmeasured": "loud"', '  }', '}'),
      );
      assert.equal(problem.range.start.line, 3);
      assert.equal(problem.range.start.character, 4);
      assert.deepEqual(plain(config), { ...DEFAULTS, maxKeyResults: 3 });
    });

    it('an unknown diagnostic code: the problem is on that code', () => {
      const { config, problem } = invalid(json('{', '  "severity": {', '    "kr-bogus": "off"', '  },', '  "maxKeyResults": 3', '}'));
      assert.equal(problem.range.start.line, 2);
      assert.equal(problem.range.start.character, 4);
      assert.deepEqual(plain(config), { ...DEFAULTS, maxKeyResults: 3 });
    });

    it('an unknown top-level key: the problem is on that key, every known key kept', () => {
      const { config, problem } = invalid(
        json('{', '  "maxKeyResults": 3,', '  "maxKR": 4,', '  "exclude": ["archive/**"]', '}'),
      );
      assert.equal(problem.range.start.line, 2);
      assert.equal(problem.range.start.character, 2);
      assert.deepEqual(plain(config), { ...DEFAULTS, maxKeyResults: 3, exclude: ['archive/**'] });
    });

    it('says what is wrong in words: the English messages of the schema library, ours where we wrote one', () => {
      const messages = readConfig(
        json('{', '  "fiscalYearStartMonth": 13,', '  "maxKeyResults": 2.5,', '  "strategic": "no",', '  "exclude": ["a/*b*c*d*e"]', '}'),
      ).problems.map((p) => p.message);
      assert.deepEqual(messages, [
        'fiscalYearStartMonth: Too big: expected number to be <=12; using the default',
        'maxKeyResults: Invalid input: expected int, received number; using the default',
        'strategic: Invalid input: expected object, received string; using the default',
        'exclude.0: an exclude glob may hold at most three * within names (** does not count); using the default',
      ]);
    });

    it('reports each bad key once, and keeps the good ones', () => {
      const { config, problems } = readConfig(
        json('{', '  "fiscalYearStartMonth": 0,', '  "maxKeyResults": 3,', '  "exclude": "archive/**",', '  "strategic": { "minCycleDays": 90 }', '}'),
      );
      assert.deepEqual(
        problems.map((p) => `${p.code}@${p.range.start.line}`),
        ['config-invalid@1', 'config-invalid@3'],
      );
      assert.deepEqual(plain(config), { ...DEFAULTS, maxKeyResults: 3, strategic: { minCycleDays: 90 } });
    });
  });

  describe('files that are not a JSON object', () => {
    it('invalid JSON: config-invalid where the syntax breaks, and the defaults', () => {
      const { config, problem } = invalid(json('{', '  "maxKeyResults": 3,', '  "exclude": [archive]', '}'));
      assert.equal(problem.range.start.line, 2);
      assert.deepEqual(plain(config), DEFAULTS);
    });

    it('a trailing comma or a comment is invalid JSON', () => {
      assert.deepEqual(plain(invalid('{ "maxKeyResults": 3, }').config), DEFAULTS);
      assert.deepEqual(plain(invalid('{ "maxKeyResults": 3 } // three').config), DEFAULTS);
    });

    it('an empty file', () => {
      const { config, problem } = invalid('');
      assert.equal(problem.range.start.line, 0);
      assert.deepEqual(plain(config), DEFAULTS);
      assert.deepEqual(plain(invalid('  \n').config), DEFAULTS);
    });

    it('a JSON array, null, a number or a string', () => {
      for (const text of ['[]', '[{ "maxKeyResults": 3 }]', 'null', '42', '"maxKeyResults"']) {
        const { config, problem } = invalid(text);
        assert.equal(problem.range.start.line, 0, text);
        assert.deepEqual(plain(config), DEFAULTS, text);
      }
    });

    it('never throws, even on deeply nested values', () => {
      const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
      for (const text of [`{ "exclude": ${deep} }`, `{ "unknown": ${deep} }`, deep, '{"a":', '}}}', '\u0000', '{"severity": {"kr-unmeasured": {"x": [1, {"y": null}]}}}']) {
        let result: ConfigResult | undefined;
        assert.doesNotThrow(() => {
          result = readConfig(text);
        }, `readConfig threw on ${JSON.stringify(text.slice(0, 40))}`);
        assert.ok(result!.problems.length >= 1, `config-invalid for ${JSON.stringify(text.slice(0, 40))}`);
        assert.ok(result!.problems.every((p) => p.code === 'config-invalid'));
        assert.deepEqual(result!.config.exclude, []);
      }
    });
  });

  describe('encoding', () => {
    it('a byte-order mark is ignored, and positions are counted after it', () => {
      assert.deepEqual(plain(valid('\uFEFF{ "maxKeyResults": 3 }')), { ...DEFAULTS, maxKeyResults: 3 });
      const { problem } = invalid('\uFEFF{\n  "maxKeyResults": "three"\n}');
      assert.deepEqual(problem.range.start, { line: 1, character: 2 });
    });

    it('CRLF line endings', () => {
      const { config, problem } = invalid('{\r\n  "maxKeyResults": 3,\r\n  "fiscalYearStartMonth": 13\r\n}\r\n');
      assert.deepEqual(problem.range.start, { line: 2, character: 2 });
      assert.equal(config.maxKeyResults, 3);
    });
  });

  describe('__proto__ and other inherited names', () => {
    it('a top-level __proto__ is an unknown key and pollutes nothing', () => {
      const { config, problem } = invalid(json('{', '  "maxKeyResults": 3,', '  "__proto__": { "maxKeyResults": 1, "polluted": true }', '}'));
      assert.equal(problem.range.start.line, 2);
      assert.equal(config.maxKeyResults, 3);
      assert.equal(Object.getPrototypeOf(config), Object.prototype);
      assert.equal(Object.prototype.hasOwnProperty.call(config, 'polluted'), false);
      assertPrototypeClean();
    });

    it('__proto__ inside severity is an unknown code and pollutes nothing', () => {
      const { config, problem } = invalid(json('{', '  "severity": {', '    "__proto__": { "kr-unmeasured": "off" }', '  }', '}'));
      assert.equal(problem.range.start.line, 2);
      assert.equal(config.severity['kr-unmeasured'], undefined);
      assertPrototypeClean();
    });

    it('__proto__ inside operational or strategic pollutes nothing and changes no setting', () => {
      const { config, problems } = readConfig('{ "operational": { "__proto__": { "maxCycleDays": 1, "polluted": true } }, "strategic": { "__proto__": { "minCycleDays": 1 } } }');
      assert.ok(problems.length >= 1);
      assert.deepEqual(config.operational, { maxCycleDays: 42 });
      assert.deepEqual(config.strategic, { minCycleDays: 60 });
      assertPrototypeClean();
    });

    it('names of Object.prototype members are unknown keys and codes', () => {
      for (const key of ['toString', 'constructor', 'hasOwnProperty']) {
        const top = invalid(`{ "${key}": 1, "maxKeyResults": 3 }`);
        assert.equal(top.config.maxKeyResults, 3);
        const nested = invalid(`{ "severity": { "${key}": "off" } }`);
        assert.deepEqual(plain(nested.config), DEFAULTS);
      }
      assertPrototypeClean();
    });
  });
});

describe('config settings in diagnostics', () => {
  // A strategic parent for FY2027-Q1 and operational children aligned to it.
  const parent = md('---', 'okr: strategic', 'cycle: FY2027-Q1', '---', '## Objective: Win the fiscal quarter {#fq}', '', '- KR: Deals  [target:: 10]  [current:: 5] ^deals');
  const child = (cycle: string) =>
    md('---', 'okr: operational', '---', '## Objective: Close deals {#close}', '', `cycle:: ${cycle}`, 'aligns:: [[fq]]', '', '- [x] KR: Signed the pilot');
  const childDiagnostics = (cycle: string, configText?: string) =>
    codes(diagnose({ 'company.md': parent, 'team.md': child(cycle) }, 'team.md', configText === undefined ? {} : { config: readConfig(configText).config }));

  it('fiscalYearStartMonth (default 1): FY2027-Q1 is 2027-01-01..2027-03-31', () => {
    assert.deepEqual(childDiagnostics('2027-02'), []);
    assert.deepEqual(childDiagnostics('2026-05'), ['cycle-outside-parent@5']);
    assert.deepEqual(childDiagnostics('2027-02', '{}'), []);
  });

  it('fiscalYearStartMonth 4: FY2027 runs 2026-04-01..2027-03-31, so FY2027-Q1 is April–June 2026', () => {
    assert.deepEqual(childDiagnostics('2026-05', '{ "fiscalYearStartMonth": 4 }'), []);
    assert.deepEqual(childDiagnostics('2027-02', '{ "fiscalYearStartMonth": 4 }'), ['cycle-outside-parent@5']);
  });

  it('fiscalYearStartMonth 10: FY2027-Q1 is October–December 2026', () => {
    assert.deepEqual(childDiagnostics('2026-11', '{ "fiscalYearStartMonth": 10 }'), []);
    assert.deepEqual(childDiagnostics('2026-05', '{ "fiscalYearStartMonth": 10 }'), ['cycle-outside-parent@5']);
  });

  it('an invalid fiscalYearStartMonth falls back to 1', () => {
    assert.deepEqual(childDiagnostics('2027-02', '{ "fiscalYearStartMonth": 13 }'), []);
    assert.deepEqual(childDiagnostics('2026-05', '{ "fiscalYearStartMonth": 13 }'), ['cycle-outside-parent@5']);
  });

  it('maxCycleDays, minCycleDays, maxKeyResults and severity from the file', () => {
    const files = {
      'company.md': md(
        '---',
        'okr: strategic',
        'cycle: 2026-Q4',
        '---',
        '## Objective: Delight customers {#csat}',
        '',
        '- KR: NPS  [start:: 30]  [target:: 40]  [current:: 35] ^nps',
        '- KR: Churn  [start:: 4%]  [target:: 3%]  [current:: 3.5%]',
        '- KR: Reviews',
      ),
      'team.md': md('---', 'okr: operational', 'cycle: 2026-11', '---', '## Objective: Answer faster {#faster}', '', 'aligns:: [[csat#nps]]', '', '- [x] KR: Done'),
    };
    assert.deepEqual(codes(diagnose(files, 'company.md')), ['kr-unmeasured@8']);
    assert.deepEqual(codes(diagnose(files, 'team.md')), []);
    const config = readConfig(
      '{ "operational": { "maxCycleDays": 29 }, "strategic": { "minCycleDays": 100 }, "maxKeyResults": 2, "severity": { "kr-unmeasured": "off", "cycle-too-short": "error" } }',
    ).config;
    const company = diagnose(files, 'company.md', { config });
    assert.deepEqual(codes(company), ['cycle-too-short@4', 'kr-too-many@4']);
    assert.deepEqual(
      company.map((d) => d.severity),
      ['error', 'info'],
    );
    // 2026-11 has 30 days: longer than 29.
    assert.deepEqual(codes(diagnose(files, 'team.md', { config })), ['cycle-too-long@4']);
  });
});
