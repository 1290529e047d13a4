/**
 * Deliberately broken classes, laid out like the real tree ({@code core}, {@code adapters.*}), on
 * which each architecture rule must fail. Test code only: never imported by the production check.
 */
package beian.verify.archfixtures;
