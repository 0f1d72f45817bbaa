'use client';
/** The main navigation, marking the current section for assistive technology. */
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/', label: 'Overview' },
  { href: '/nodes', label: 'Nodes' },
  { href: '/epochs', label: 'Epochs' },
  { href: '/stake', label: 'My stake' },
  { href: '/governance', label: 'Governance' },
  { href: '/operator', label: 'Operator' },
  { href: '/storage', label: 'Storage' },
];

export function Nav() {
  const pathname = usePathname();
  return (
    <nav className="nav" aria-label="Main">
      <ul>
        {LINKS.map((link) => {
          const current =
            link.href === '/' ? pathname === '/' : pathname === link.href || pathname.startsWith(`${link.href}/`);
          return (
            <li key={link.href}>
              <Link href={link.href} aria-current={current ? 'page' : undefined}>
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
