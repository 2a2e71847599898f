#!/usr/bin/env node
// Before a release is published: the pushed tag must name the package's version (v1.2.3 for 1.2.3), so
// the action at that tag installs the package it was released with (see action.yml, input `package`).
import { readFileSync } from 'node:fs';

const tag = process.argv[2] ?? '';
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
if (!/^v\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(tag)) {
  console.error(`release: the tag ${JSON.stringify(tag)} is not a version tag such as v${version}`);
  process.exit(2);
}
if (tag !== `v${version}`) {
  console.error(`release: the tag ${tag} does not match package.json's version ${version}: bump the version or tag v${version}`);
  process.exit(2);
}
// The major tag the action is used by (`uses: owner/mxscan@v1`); 0.x releases move v0.
console.log(tag.replace(/\..*$/, ''));
