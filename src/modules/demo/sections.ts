// Sections are tags flagged for navigation; ordinary tags cut across them.
import type { DemoSection, DemoTag } from './demo.types.ts';

export const sections: DemoSection[] = [
  {
    slug: 'investigations',
    name: 'Investigations',
    description: 'Long-form reporting on power, money and abuse in Kestavia, built on documents and sources.',
    navOrder: 1,
  },
  {
    slug: 'economy',
    name: 'Economy',
    description: 'Prices, wages, banks, sanctions and the household arithmetic behind the official figures.',
    navOrder: 2,
  },
  {
    slug: 'environment',
    name: 'Environment',
    description:
      'Lake Tuvor, the Ilmara basin, the forests of the Sarnic Hills and the industry around them.',
    navOrder: 3,
  },
  {
    slug: 'culture',
    name: 'Culture',
    description: 'Books, theatre, music and art, including the work that cannot be shown at home.',
    navOrder: 4,
  },
  {
    slug: 'explainers',
    name: 'Explainers',
    description: 'Plain-language guides to the laws, institutions and numbers that shape life in Kestavia.',
    navOrder: 5,
  },
  {
    slug: 'newsroom',
    name: 'From the newsroom',
    description: 'Notes from the editors on how we work, how to reach us and how to keep reading us.',
    navOrder: 6,
  },
];

export const tags: DemoTag[] = [
  { slug: 'varensk', name: 'Varensk', description: 'The capital of Kestavia.' },
  { slug: 'sertovo', name: 'Sertovo', description: 'The industrial north and its aluminium works.' },
  {
    slug: 'lake-tuvor',
    name: 'Lake Tuvor',
    description: 'The largest lake in Kestavia, and the shrinking of it.',
  },
  {
    slug: 'political-prisoners',
    name: 'Political prisoners',
    description: 'People detained for what they said, wrote, shared or attended.',
  },
  { slug: 'elections', name: 'Elections', description: 'Votes, referendums and the machinery around them.' },
  {
    slug: 'censorship',
    name: 'Censorship',
    description: 'Blocked sites, banned books and the laws behind them.',
  },
  { slug: 'data', name: 'Data', description: 'Stories built on our own datasets and analysis.' },
  {
    slug: 'exile',
    name: 'Exile',
    description: 'Kestavians who left, and the lives they are building abroad.',
  },
  { slug: 'energy', name: 'Energy', description: 'Power cuts, the grid and the fuel that runs the country.' },
  {
    slug: 'safety',
    name: 'Digital safety',
    description: 'How to read, write to and support us without taking risks.',
  },
];
