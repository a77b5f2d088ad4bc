import type { FormControl } from '@angular/forms';
import { Observable, debounceTime, distinctUntilChanged, map } from 'rxjs';

/** What a search box asks for: trimmed, once typing pauses, only when it changed. */
export function searchTerms(control: FormControl<string>, pauseMs = 300): Observable<string> {
  return control.valueChanges.pipe(
    debounceTime(pauseMs),
    map((v) => v.trim()),
    distinctUntilChanged(),
  );
}
