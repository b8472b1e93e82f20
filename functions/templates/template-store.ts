import type { TemplateDoc } from './model.js';

/**
 * Template storage the use cases take as an argument: Cosmos in production
 * (cosmos-template-store.ts), in memory in unit tests (tests/fakes/template-store.ts). Every
 * method names the owner; another owner's template is never returned.
 */
export interface TemplateStore {
  /** All of the owner's templates (a person keeps tens, not thousands). */
  list(ownerId: string): Promise<TemplateDoc[]>;
  read(ownerId: string, id: string): Promise<TemplateDoc | undefined>;
  /** 'exists' when a template with this id is already there (a starter given by a parallel request). */
  create(doc: TemplateDoc): Promise<TemplateDoc | 'exists'>;
  /** Saves if unchanged since read (`_etag`): 'changed' on a concurrent write, 'gone' if deleted. */
  replace(doc: TemplateDoc): Promise<TemplateDoc | 'changed' | 'gone'>;
  /** False when there was nothing of this owner's to delete. */
  delete(ownerId: string, id: string): Promise<boolean>;
  /** Whether the owner was ever given the starter templates (they stay gone once deleted). */
  startersGiven(ownerId: string): Promise<boolean>;
  markStartersGiven(ownerId: string, at: Date): Promise<void>;
}
