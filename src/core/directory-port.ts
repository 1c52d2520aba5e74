// What a chat platform's address book looks like to the directory sync (`teampulse sync <platform>`,
// src/app/platforms/sync.ts): departments with their managers, and members with their departments. Each adapter
// (DingTalk, WeCom) offers a DirectorySource that reads it with the tenant's installation; the use case maps it to
// teams, managers and employees. Ids are the platform's (DingTalk dept_id / userid, WeCom department id / userid).
import type { ChatPlatform } from './inbound-port.js';

export interface DirectoryDepartment {
  id: string;
  name: string;
  /** null ⇒ the root (the organisation itself). */
  parentId: string | null;
  /** Members who lead the department (DingTalk dept_manager_userid_list, WeCom department_leader). */
  managerIds: readonly string[];
}

export interface DirectoryMember {
  /** The platform's user id (DingTalk staff id / userid, WeCom userid). */
  userId: string;
  name: string;
  email?: string;
  /** The HR system's id when the platform carries one (DingTalk job_number, WeCom …); matched to external ids. */
  jobNumber?: string;
  /** Departments in the platform's order: the first is the main one. */
  departmentIds: readonly string[];
  /** A direct manager the platform states explicitly (else the department's manager is used). */
  managerId?: string;
  /** 'YYYY-MM-DD' */
  hireDate?: string;
  /** false ⇒ not activated / disabled on the platform. */
  active: boolean;
}

/** Parts of an address book a platform may refuse to show while still giving the ids. */
export type DirectoryField =
  'department_names' | 'department_managers' | 'member_names' | 'member_emails' | 'member_managers' | 'member_status';

export interface DirectorySnapshot {
  departments: DirectoryDepartment[];
  members: DirectoryMember[];
  /**
   * What the platform refused to show (WeCom gives only ids to a server whose IP may not read contact details).
   * The sync keeps what it already knows for these fields instead of overwriting it with placeholders, and reports
   * them. Absent or empty ⇒ everything was read.
   */
  unreadable?: readonly DirectoryField[];
}

export interface DirectorySource {
  readonly platform: ChatPlatform;
  /** Reads the whole address book the tenant's installation can see. */
  read(tenantId: string, options?: { signal?: AbortSignal }): Promise<DirectorySnapshot>;
}
