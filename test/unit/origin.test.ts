import { describe, expect, it } from 'vitest';
import { isStateChanging, normalizeOrigin, originAllowed, ownOrigin, type OriginPolicy } from '../../server/http/origin.ts';

const byHost: OriginPolicy = { publicOrigin: null, trustProxy: 0 };
const behindProxy: OriginPolicy = { publicOrigin: null, trustProxy: 1 };
const published: OriginPolicy = { publicOrigin: 'https://werkplek.example.nl', trustProxy: 0 };
const request = (headers: Record<string, string>) => ({ headers });

describe('which origin may write', () => {
  it('without PUBLIC_URL, our own origin is http plus the Host the browser sent', () => {
    expect(ownOrigin(request({ host: '127.0.0.1:3000' }), byHost)).toBe('http://127.0.0.1:3000');
    expect(originAllowed(request({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }), byHost)).toBe(true);
    expect(originAllowed(request({ host: 'Localhost:3000', origin: 'http://localhost:3000' }), byHost)).toBe(true);
  });

  it('refuses another site, another port, another scheme, an opaque origin and a request without Host', () => {
    for (const origin of ['https://evil.example', 'http://127.0.0.1:3001', 'https://127.0.0.1:3000', 'null', 'file://', 'not a url']) {
      expect(originAllowed(request({ host: '127.0.0.1:3000', origin }), byHost)).toBe(false);
    }
    expect(originAllowed(request({ origin: 'http://127.0.0.1:3000' }), byHost)).toBe(false);
  });

  it('a request without Origin is not a cross-site browser request: allowed', () => {
    expect(originAllowed(request({ host: '127.0.0.1:3000' }), byHost)).toBe(true);
    expect(originAllowed(request({}), published)).toBe(true);
  });

  it('X-Forwarded-Proto names the scheme only behind a trusted proxy', () => {
    const headers = { host: 'werkplek.example.nl', 'x-forwarded-proto': 'https', origin: 'https://werkplek.example.nl' };
    expect(originAllowed(request(headers), byHost)).toBe(false);
    expect(originAllowed(request(headers), behindProxy)).toBe(true);
    expect(ownOrigin(request({ host: 'werkplek.example.nl', 'x-forwarded-proto': 'https, http' }), behindProxy)).toBe('https://werkplek.example.nl');
  });

  it('with PUBLIC_URL, that origin alone: the Host header does not count', () => {
    expect(originAllowed(request({ host: 'evil.example', origin: 'https://werkplek.example.nl' }), published)).toBe(true);
    expect(originAllowed(request({ host: 'evil.example', origin: 'http://evil.example' }), published)).toBe(false);
    expect(originAllowed(request({ host: 'werkplek.example.nl', origin: 'http://werkplek.example.nl' }), published)).toBe(false);
  });

  it('default ports and letter case do not make origins differ', () => {
    expect(normalizeOrigin('HTTPS://Werkplek.Example.NL:443')).toBe('https://werkplek.example.nl');
    expect(normalizeOrigin('http://127.0.0.1:80')).toBe('http://127.0.0.1');
    expect(normalizeOrigin('ftp://example.nl')).toBeNull();
  });

  it('only POST, PUT, PATCH and DELETE are writes', () => {
    expect(['POST', 'PUT', 'PATCH', 'DELETE', 'post'].every(isStateChanging)).toBe(true);
    expect(['GET', 'HEAD', 'OPTIONS', undefined].some(isStateChanging)).toBe(false);
  });
});
