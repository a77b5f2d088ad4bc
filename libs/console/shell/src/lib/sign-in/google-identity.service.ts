import { DOCUMENT } from '@angular/common';
import { Injectable, inject } from '@angular/core';

const GIS_SRC = 'https://accounts.google.com/gsi/client';

/** The slice of the Google Identity Services API the sign-in page uses. */
interface GoogleAccountsId {
  initialize(config: {
    client_id: string;
    callback: (response: { credential?: string }) => void;
    ux_mode?: 'popup' | 'redirect';
    auto_select?: boolean;
  }): void;
  renderButton(parent: HTMLElement, options: Record<string, string | number>): void;
}

type GoogleWindow = Window & { google?: { accounts?: { id?: GoogleAccountsId } } };

/** Loads the Google Identity Services script on demand and renders its sign-in button. */
@Injectable({ providedIn: 'root' })
export class GoogleIdentityService {
  private readonly document = inject(DOCUMENT);
  private loading: Promise<GoogleAccountsId> | null = null;

  load(): Promise<GoogleAccountsId> {
    const existing = this.api();
    if (existing) return Promise.resolve(existing);
    this.loading ??= new Promise<GoogleAccountsId>((resolve, reject) => {
      const script = this.document.createElement('script');
      script.src = GIS_SRC;
      script.async = true;
      script.defer = true;
      script.onload = () => {
        const api = this.api();
        if (api) resolve(api);
        else reject(new Error('Google sign-in did not initialise'));
      };
      script.onerror = () => {
        this.loading = null;
        script.remove();
        reject(new Error('Could not load Google sign-in'));
      };
      this.document.head.appendChild(script);
    });
    return this.loading;
  }

  async renderButton(host: HTMLElement, clientId: string, onCredential: (credential: string) => void): Promise<void> {
    const api = await this.load();
    api.initialize({
      client_id: clientId,
      ux_mode: 'popup',
      callback: (response) => response.credential && onCredential(response.credential),
    });
    api.renderButton(host, {
      type: 'standard',
      theme: 'outline',
      size: 'large',
      text: 'signin_with',
      shape: 'pill',
      logo_alignment: 'left',
      width: Math.min(host.clientWidth || 320, 400),
    });
  }

  private api(): GoogleAccountsId | undefined {
    return (this.document.defaultView as GoogleWindow | null)?.google?.accounts?.id;
  }
}
