// A vitest setup file (see vitest.config.ts): runs in every test file's context before the file.
// Hooks run in reverse order of registration, so this afterAll comes after the file's own ones.
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp-dir.ts';

afterAll(() => removeTempDirs());
