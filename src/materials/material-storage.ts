import { EntityManager } from 'typeorm';

// Where material bytes live. PostgresMaterialStorage keeps them in material_contents, inside the
// caller's transaction (a rejected or failed upload leaves nothing). An S3-compatible store would
// implement the same two calls (put before commit, and a cleanup of unreferenced keys).
export abstract class MaterialStorage {
  // Stores the bytes and returns the key to keep in materials.storageKey.
  abstract put(manager: EntityManager, bytes: Buffer): Promise<string>;
  abstract get(manager: EntityManager, key: string): Promise<Buffer | null>;
}
