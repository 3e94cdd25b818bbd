// The Admin API's newsletter issue, as the screens read it.

export interface Issue {
  id: string;
  newsletter_id: string;
  number: number;
  slug: string;
  kind: 'digest' | 'breaking';
  status: 'draft' | 'sending' | 'sent';
  subject: string;
  intro: string;
  language: string | null;
  scheduled_for: string | null;
  sent_at: string | null;
  archive_url: string;
  articles: Array<{ id: string; title: string; standfirst: string }>;
}

export interface Progress {
  status: 'not_started' | 'running' | 'done';
  total: number;
  accepted: number;
  failed: number;
  deferred: number;
  started_at: string | null;
  finished_at: string | null;
}

export interface NewsletterList {
  id: string;
  slug: string;
  name: string;
  description: string;
  language: string | null;
  kind: 'digest' | 'breaking';
  schedule_cron: string | null;
  is_default: boolean;
}
