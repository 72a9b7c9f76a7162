// Administration in Chromium: accounts (create with a one-time password, role, disable, a new
// password, delete), the audit trail and its filters, and that only admins see any of it.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { recordAudit } from '../../server/audit.js';
import { TEST_PASSWORD } from '../helpers.js';
import { ARTEFACTS, useSeededApp } from './browser.js';

const seeded = useSeededApp({ width: 1280, height: 900 });
let page: Page;
let admin: string;
const account = `e2e-new-${Math.random().toString(36).slice(2, 8)}`;
let oneTimePassword = '';

beforeAll(async () => {
  ({ page } = seeded);
  admin = (await page.locator('.user-menu').getAttribute('data-user'))!;
});

/** Signs in through the API, as another client would: the status, the answer, and the session cookie. */
async function apiSignIn(username: string, password: string) {
  const response = await fetch(`${seeded.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
  return { status: response.status, body: await response.json().catch(() => null), cookie };
}

/** GET /api/users as the signed-in admin. */
async function accounts(): Promise<
  { username: string; role: string; disabled: boolean; mustChangePassword: boolean; sessions: number }[]
> {
  return (await (await page.request.get(`${seeded.base}/api/users`)).json()).users;
}

const row = (username: string): Locator => page.locator(`table.accounts tr[data-user="${username}"]`);

/** Waits until the audit table shows rows, every one of them passing `check` (the filter's answer has arrived). */
async function auditRows(check: (r: { action: string; user: string }) => boolean) {
  for (let i = 0; i < 100; i++) {
    const rows = await page
      .locator('table.audit tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => ({ action: tr.getAttribute('data-action')!, user: tr.getAttribute('data-user')! })),
      );
    if (rows.length > 0 && rows.every(check)) return rows;
    await page.waitForTimeout(100);
  }
  throw new Error('the audit table did not show the filtered rows');
}

describe('administration', () => {
  it('lists the signed-in admin, whose own role, disabling, password and deletion are refused with the reason', async () => {
    await page.getByRole('link', { name: 'Администрирование' }).click();
    await page.getByRole('heading', { name: 'Учётные записи' }).waitFor();
    const me = row(admin);
    await me.waitFor();
    expect(await me.locator('th').textContent()).toBe(`${admin} (вы)`);
    const role = me.getByLabel(`Роль пользователя ${admin}`);
    expect(await role.inputValue()).toBe('admin');
    expect(await role.locator('option:checked').textContent()).toBe('администратор');
    expect(await role.isDisabled()).toBe(true);
    expect(await role.getAttribute('title')).toContain('Свою роль нельзя понизить');
    for (const action of ['toggle', 'password', 'remove'])
      expect(await me.locator(`[data-action="${action}"]`).isDisabled()).toBe(true);
    expect(await me.locator('[data-action="remove"]').getAttribute('title')).toBe('Свою учётную запись нельзя удалить');
    expect(await me.locator('[data-field="status"]').textContent()).toBe('активна');
    expect(Number(await me.locator('[data-field="sessions"]').textContent())).toBeGreaterThanOrEqual(1);
    // What each role may do.
    expect(await page.locator('.role-legend dt').allTextContents()).toEqual([
      'просмотр',
      'планировщик',
      'редактор',
      'администратор',
    ]);
    expect(await page.locator('.role-legend [data-role="editor"] dd').textContent()).toContain('импорт');
    await page.screenshot({ path: join(ARTEFACTS, 'admin-01-accounts.png'), fullPage: true });
  });

  it('creates an account without a password (Enter submits): its one-time password is shown once and signs in, to be changed', async () => {
    const form = page.locator('form[data-form="create"]');
    // A taken name is refused in words.
    await form.getByLabel('Имя пользователя', { exact: true }).fill(admin);
    await form.getByLabel('Имя пользователя', { exact: true }).press('Enter');
    expect(await form.getByRole('alert').textContent()).toBe(`Имя «${admin}» уже занято`);

    await form.getByLabel('Имя пользователя', { exact: true }).fill(account);
    expect(await form.getByLabel('Роль', { exact: true }).inputValue()).toBe('viewer');
    await form.getByLabel('Имя пользователя', { exact: true }).press('Enter');
    const issued = page.locator(`[data-issued="${account}"]`);
    await issued.waitFor();
    oneTimePassword = await issued.locator('[data-one-time-password]').inputValue();
    expect(oneTimePassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await issued.textContent()).toContain('показан только сейчас');
    await row(account).waitFor();
    expect(await row(account).locator('[data-field="status"]').textContent()).toBe('должен сменить пароль');
    // The form is empty again, ready for the next one.
    expect(await form.getByLabel('Имя пользователя', { exact: true }).inputValue()).toBe('');
    await issued.locator('[data-action="copy"]').click();
    await issued.getByText(/Скопировано|Не удалось скопировать/).waitFor();
    await page.screenshot({ path: join(ARTEFACTS, 'admin-02-one-time-password.png'), fullPage: true });

    const signIn = await apiSignIn(account, oneTimePassword);
    expect(signIn.status).toBe(200);
    expect(signIn.body).toMatchObject({ username: account, role: 'viewer', mustChangePassword: true });
    await issued.getByRole('button', { name: 'Скрыть' }).click();
    expect(await issued.count()).toBe(0);
  });

  it('changes the role in the table: the row and the server agree', async () => {
    await row(account).getByLabel(`Роль пользователя ${account}`).selectOption('planner');
    await page.locator(`table.accounts tr[data-user="${account}"][data-role="planner"]`).waitFor();
    expect(await row(account).locator('select option:checked').textContent()).toBe('планировщик');
    const mine = (await accounts()).find((u) => u.username === account)!;
    expect(mine.role).toBe('planner');
    // The refetch after the change counts the session opened through the API.
    expect(await row(account).locator('[data-field="sessions"]').textContent()).toBe(String(mine.sessions));
    expect(mine.sessions).toBe(1);
  });

  it('disables the account: it cannot sign in and its session ends; enabled again, it can', async () => {
    const session = await apiSignIn(account, oneTimePassword);
    await row(account).getByRole('button', { name: 'Отключить' }).click();
    await page.locator(`table.accounts tr[data-user="${account}"][data-disabled="true"]`).waitFor();
    expect(await row(account).locator('[data-field="status"]').textContent()).toContain('отключена');
    expect(await row(account).locator('[data-field="sessions"]').textContent()).toBe('0');
    expect((await apiSignIn(account, oneTimePassword)).status).toBe(401);
    expect((await fetch(`${seeded.base}/api/auth/session`, { headers: { cookie: session.cookie } })).status).toBe(401);
    await page.screenshot({ path: join(ARTEFACTS, 'admin-03-disabled.png'), fullPage: true });

    await row(account).getByRole('button', { name: 'Включить' }).click();
    await page.locator(`table.accounts tr[data-user="${account}"][data-disabled="false"]`).waitFor();
    expect((await apiSignIn(account, oneTimePassword)).status).toBe(200);
  });

  it('a locked account shows until when; a generated new password (10 characters at least) lifts the lock and signs in', async () => {
    for (let i = 0; i < 5; i++) await apiSignIn(account, 'not the password at all');
    expect((await apiSignIn(account, oneTimePassword)).status).toBe(423);
    await page.reload();
    await row(account).waitFor();
    expect(await row(account).locator('[data-field="status"]').textContent()).toMatch(/заблокирована до .*\d\d:\d\d/);

    await row(account).getByRole('button', { name: 'Новый пароль' }).click();
    const form = page.locator('form[data-form="password"]');
    const field = form.getByLabel(`Новый пароль для ${account}`);
    await field.fill('short');
    expect(await form.getByRole('button', { name: 'Задать пароль' }).isDisabled()).toBe(true);
    expect(await form.textContent()).toContain('Пароль короче 10 символов (5/10)');
    await page.screenshot({ path: join(ARTEFACTS, 'admin-04-new-password.png'), fullPage: true });
    await form.getByRole('button', { name: 'Сгенерировать' }).click();
    const password = await field.inputValue();
    expect(password).toHaveLength(16);
    await field.press('Enter');
    const issued = page.locator(`[data-issued="${account}"]`);
    await issued.waitFor();
    expect(await issued.locator('[data-one-time-password]').inputValue()).toBe(password);
    await page.waitForFunction(
      (name) =>
        !document
          .querySelector(`tr[data-user="${name}"] [data-field="status"]`)
          ?.textContent?.includes('заблокирована'),
      account,
    );
    expect(await row(account).locator('[data-field="status"]').textContent()).toBe('должен сменить пароль');
    const signIn = await apiSignIn(account, password);
    expect(signIn.status).toBe(200);
    expect(signIn.body.mustChangePassword).toBe(true);
    await issued.getByRole('button', { name: 'Скрыть' }).click();
  });

  it('deletes the account after a confirmation, which can be cancelled', async () => {
    await row(account).getByRole('button', { name: 'Удалить', exact: true }).click();
    expect(await row(account).textContent()).toContain(`Удалить учётную запись «${account}» безвозвратно?`);
    await row(account).getByRole('button', { name: 'Отмена' }).click();
    expect(await row(account).getByRole('button', { name: 'Удалить', exact: true }).isVisible()).toBe(true);
    expect((await accounts()).some((u) => u.username === account)).toBe(true);

    await row(account).getByRole('button', { name: 'Удалить', exact: true }).click();
    await page.screenshot({ path: join(ARTEFACTS, 'admin-05-delete-confirm.png'), fullPage: true });
    await row(account).getByRole('button', { name: 'Да, удалить' }).click();
    await row(account).waitFor({ state: 'detached' });
    expect((await accounts()).some((u) => u.username === account)).toBe(false);
  });

  it('the audit trail names the admin who created the account, in words; filters by action, user and date', async () => {
    const audit = page.locator('table.audit');
    await page.getByRole('button', { name: 'Обновить' }).click();
    const created = audit.locator(`tr[data-action="user-create"]`, { hasText: account });
    await created.waitFor();
    const cells = await created.locator('td').allTextContents();
    expect(cells[1]).toBe(admin);
    expect(cells[2]).toBe('создание учётной записи');
    expect(cells[3]).toBe(account);
    expect(cells[4]).toBe('выполнено');
    expect(cells[0]).toMatch(/\d\d\.\d\d\.\d{4}, \d\d:\d\d:\d\d/);
    // The refused creation (the taken name) is there too, as a refusal.
    expect(await audit.locator('tr[data-action="user-create"]', { hasText: 'отказ (409)' }).count()).toBe(1);
    const all = Number(await audit.getAttribute('data-events'));

    await page.getByLabel('Действие').selectOption('user-update');
    await auditRows((r) => r.action === 'user-update');
    const updates = await audit.locator('tbody tr').count();
    expect(updates).toBeGreaterThanOrEqual(4); // role, disable, enable, password
    expect(updates).toBeLessThan(all);
    // Each row says what changed.
    expect(await audit.locator('tbody tr td:nth-child(3)').allTextContents()).toEqual(
      expect.arrayContaining([
        'изменение учётной записи: роль → планировщик',
        'изменение учётной записи: отключена',
        'изменение учётной записи: включена',
        'изменение учётной записи: задан новый пароль',
      ]),
    );
    await page.screenshot({ path: join(ARTEFACTS, 'admin-06-audit-filtered.png'), fullPage: true });

    await page.getByLabel('Действие').selectOption('');
    await page.getByLabel('Пользователь', { exact: true }).fill('anonymous');
    await page.getByLabel('Пользователь', { exact: true }).press('Enter');
    await auditRows((r) => r.user === 'anonymous');
    // The five wrong passwords and the sign-in refused while locked, with the name that was tried.
    const failed = audit.locator('tbody tr[data-action="sign-in-failed"]', { hasText: account });
    expect(await failed.count()).toBeGreaterThanOrEqual(5);
    expect(await failed.first().locator('td').nth(1).textContent()).toBe('неизвестный');

    await page.getByLabel('С даты').fill('2099-01-01');
    await page.getByText('Нет событий под эти условия').waitFor();
    await page.getByRole('button', { name: 'Сбросить' }).click();
    await page.waitForFunction(
      (n) => Number(document.querySelector('table.audit')?.getAttribute('data-events')) >= n,
      all,
    );

    // A name in the accounts table shows that user's actions.
    await row(admin).getByRole('button', { name: admin, exact: true }).click();
    expect(await page.getByLabel('Пользователь', { exact: true }).inputValue()).toBe(admin);
    await auditRows((r) => r.user === admin);
    await page.getByRole('button', { name: 'Сбросить' }).click();
  });

  it('shows more events on request, 50 at a time', async () => {
    const at = Date.now() - 60_000;
    for (let i = 0; i < 60; i++) {
      await recordAudit(seeded.db, {
        at: at + i,
        user: 'cli:e2e',
        action: 'import',
        target: `run-${i}`,
        status: 0,
        counts: { enterprises: i, links: 2 * i, errors: 0 },
      });
    }
    await page.getByLabel('Пользователь', { exact: true }).fill('cli:e2e');
    await page.getByLabel('Пользователь', { exact: true }).press('Enter');
    const audit = page.locator('table.audit[data-events="50"]');
    await audit.waitFor();
    expect(await audit.locator('tbody tr').first().locator('td').allTextContents()).toEqual([
      expect.any(String),
      'cli:e2e',
      'импорт данных',
      'run-59',
      'командная строка',
      '59 предприятий, 118 связей, 0 ошибок',
    ]);
    await page.getByRole('button', { name: 'Показать ещё' }).click();
    await page.locator('table.audit[data-events="60"]').waitFor();
    expect(await page.getByRole('button', { name: 'Показать ещё' }).count()).toBe(0);
    expect(await page.locator('.audit-more').textContent()).toContain('Показано: 60');
    await page.locator('table.audit').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTEFACTS, 'admin-07-audit-more.png'), fullPage: true });
  });

  it('speaks English when switched', async () => {
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByRole('heading', { name: 'Accounts' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Audit trail' }).isVisible()).toBe(true);
    expect(await page.locator('.role-legend dt').allTextContents()).toEqual(['viewer', 'planner', 'editor', 'admin']);
    expect(await page.locator('table.audit tbody tr td:nth-child(3)').first().textContent()).toBe('data import');
    await page.screenshot({ path: join(ARTEFACTS, 'admin-08-english.png'), fullPage: true });
    await page.getByRole('button', { name: 'RU', exact: true }).click();
    await page.getByRole('heading', { name: 'Учётные записи' }).waitFor();
  });

  it('a viewer (created through the API) sees no administration tab, and its address says it is for admins only', async () => {
    const viewer = `e2e-viewer-${Math.random().toString(36).slice(2, 8)}`;
    const created = await page.request.post(`${seeded.base}/api/users`, {
      headers: { 'x-csrf-token': seeded.auth['x-csrf-token'] },
      data: { username: viewer, role: 'viewer', password: TEST_PASSWORD },
    });
    expect(created.status()).toBe(201);
    const context = await seeded.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ru-RU' });
    try {
      const other = await context.newPage();
      await other.goto(seeded.base);
      await other.getByLabel('Имя пользователя').fill(viewer);
      await other.getByLabel('Пароль').fill(TEST_PASSWORD);
      await other.getByRole('button', { name: 'Войти' }).click();
      await other.locator(`.user-menu[data-user="${viewer}"]`).waitFor({ timeout: 20_000 });
      expect(await other.locator('.tabs a').allTextContents()).not.toContain('Администрирование');
      await other.goto(`${seeded.base}/#admin`);
      await other.getByText('Учётные записи и журнал доступны только администратору.').waitFor();
      expect(await other.locator('table.accounts').count()).toBe(0);
      expect((await other.request.get(`${seeded.base}/api/users`)).status()).toBe(403);
      expect((await other.request.get(`${seeded.base}/api/audit`)).status()).toBe(403);
      await other.screenshot({ path: join(ARTEFACTS, 'admin-09-viewer.png') });
    } finally {
      await context.close();
    }
  });
});
